import stringWidth from 'string-width';
import { hasUnbrokenLines, unbrokenLineAt, withUnbrokenLines } from './unbrokenRows.js';

/** What Ink writes before every frame as tall as the terminal (ansi-escapes' clearTerminal). */
const CLEAR_TERMINAL = '\u001B[2J\u001B[3J\u001B[H';
const ERASE_LINE = '\u001B[2K';

type Write = NodeJS.WriteStream['write'];

/**
 * Ink clears the terminal and writes every line again for each frame as tall as the terminal, which the
 * full screen always is: 6 KB for a cursor move at 120×40, a lag over a slow SSH link. While installed,
 * such a frame reaches the terminal as only its changed lines, each moved to and rewritten in place. Every
 * frame also gets its unbroken lines (the sign-in URL, see unbrokenRows) written in one piece in their
 * placeholders' place. Returns the undo.
 *
 * A diff needs the screen to hold the last frame row by row. After a resize it may not: Ink draws a frame
 * at the old layout as the terminal reflows, then React one at the new size, however late that comes on a
 * loaded machine, and a line wider than the terminal wraps and pushes the rows below it down. So after a
 * resize, and whenever a line is too wide, frames go through whole until one that fits has been drawn.
 */
export function writeChangedLinesOnly(stream: NodeJS.WriteStream): () => void {
  const original = stream.write;
  /** The frame on screen, row by row; undefined while the screen may hold something else. */
  let shown: readonly string[] | undefined;
  const forget = (): void => {
    shown = undefined;
  };
  const write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string' && chunk.startsWith(CLEAR_TERMINAL)) {
      const lines = chunk.slice(CLEAR_TERMINAL.length).split('\n');
      const columns = stream.columns;
      const patch =
        shown?.length === lines.length && columns > 0 ? changedLines(shown, lines, columns) : undefined;
      if (patch !== undefined) {
        shown = lines;
        return Reflect.apply(original, this, [patch, ...rest]) as boolean;
      }
      shown = columns > 0 && lines.every((line) => fits(line, columns)) ? lines : undefined;
    }
    // A frame that goes through whole: Ink's own, or one shorter than the terminal (log-update's).
    const whole =
      typeof chunk === 'string' && hasUnbrokenLines(chunk)
        ? withUnbrokenLines(chunk.split('\n')).join('\n')
        : chunk;
    return Reflect.apply(original, this, [whole, ...rest]) as boolean;
  };
  stream.write = write as Write;
  stream.on('resize', forget);
  return () => {
    stream.off('resize', forget);
    if (stream.write === write) stream.write = original;
  };
}

/**
 * Whether a line stays on its row: no wider than the terminal (an unbroken line wraps over the rows its
 * placeholder keeps, on purpose).
 */
function fits(line: string, columns: number): boolean {
  return unbrokenLineAt(line) !== undefined || stringWidth(line) <= columns;
}

/**
 * The escapes that turn `before` into `after` on screen, rows numbered from 1, leaving the cursor where
 * writing `after` whole would, at the end of its last line: Ink's next frame may be drawn relative to it
 * (after the terminal grows, the frame is shorter than the terminal for once). Undefined when a changed
 * line is wider than `columns`: it would wrap and push the rows below it down, so the frame goes whole.
 */
export function changedLines(
  before: readonly string[],
  after: readonly string[],
  columns = Infinity,
): string | undefined {
  let patch = '';
  for (let index = 0; index < after.length; index++) {
    const unbroken = unbrokenLineAt(after[index]!);
    if (unbroken) {
      // The rows the line wraps over are rewritten together: erased, then the line written in one piece.
      const rows = Array.from({ length: unbroken.rows }, (_, offset) => index + offset);
      if (rows.some((row) => after[row] !== before[row])) {
        for (const row of rows) patch += `\u001B[${row + 1};1H${ERASE_LINE}`;
        patch += `\u001B[${index + 1};1H${unbroken.content}`;
      }
      index += unbroken.rows - 1;
      continue;
    }
    if (after[index] === before[index]) continue;
    if (!fits(after[index]!, columns)) return undefined;
    patch += `\u001B[${index + 1};1H${ERASE_LINE}${after[index]}`;
  }
  const last = after.length - 1;
  if (patch === '' || after[last] !== before[last]) return patch;
  return `${patch}\u001B[${last + 1};1H${after[last] ?? ''}`;
}
