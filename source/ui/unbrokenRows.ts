import { randomBytes } from 'node:crypto';
import stringWidth from 'string-width';

/**
 * Lines the terminal must get whole, never broken by Ink: the sign-in URL. Ink wraps text into hard line
 * breaks (or cuts it), so a URL copied from the screen, or from `tmux capture-pane -J`, came out in pieces.
 * Such a line is drawn by Ink as a placeholder as tall as the line will be (a marker on its first row),
 * and the frame writer (frameDiff) writes the line itself in the placeholder's place, in one piece: the
 * terminal soft-wraps it, so selecting it, or joining wrapped rows, gives it back whole.
 *
 * The marker carries a random value of this process, so no text from elsewhere can pose as one.
 */
const NONCE = randomBytes(4).toString('hex');
const MARKER = new RegExp(`\\{\\{row:${NONCE}:(\\d+):(\\d+)\\}\\}`);

const markers = new Map<string, number>();
const contents: string[] = [];

/** The rows `text` takes on a terminal `columns` wide (escape sequences such as OSC 8 take none). */
export function rowsFor(text: string, columns: number): number {
  return Math.max(1, Math.ceil(stringWidth(text) / Math.max(1, columns)));
}

/** The placeholder's first row for `line`, `rows` tall: the same line gets the same marker. */
export function unbrokenRowMarker(line: string, rows: number): string {
  let id = markers.get(line);
  if (id === undefined) {
    id = contents.push(line) - 1;
    markers.set(line, id);
  }
  return `{{row:${NONCE}:${id}:${rows}}}`;
}

export interface UnbrokenLine {
  readonly content: string;
  /** Rows of the placeholder, this one included. */
  readonly rows: number;
}

/** The line a frame row stands for, when it is a placeholder's first row. */
export function unbrokenLineAt(row: string): UnbrokenLine | undefined {
  const match = MARKER.exec(row);
  if (!match) return undefined;
  const content = contents[Number(match[1])];
  return content === undefined ? undefined : { content, rows: Number(match[2]) };
}

export function hasUnbrokenLines(text: string): boolean {
  return text.includes(`{{row:${NONCE}:`);
}

/**
 * A frame's lines as the terminal should get them: each placeholder's first row replaced by its line, the
 * rest of the placeholder (blank rows the line wraps over) left out.
 */
export function withUnbrokenLines(lines: readonly string[]): string[] {
  const written: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = unbrokenLineAt(lines[index]!);
    written.push(line ? line.content : lines[index]!);
    if (line) index += line.rows - 1;
  }
  return written;
}
