import xterm from '@xterm/headless';
import fc from 'fast-check';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { changedLines, writeChangedLinesOnly } from '../../source/ui/frameDiff.js';
import { rowsFor, unbrokenRowMarker } from '../../source/ui/unbrokenRows.js';

const COLUMNS = 30;
const ROWS = 6;
const CLEAR_TERMINAL = '\u001B[2J\u001B[3J\u001B[H';

/** A terminal and a stand-in for stdout that feeds it, counting what was written. */
function screen() {
  // convertEol: a pseudo-terminal turns "\n" into "\r\n" on the way, as a real one does.
  const terminal = new xterm.Terminal({
    cols: COLUMNS,
    rows: ROWS,
    allowProposedApi: true,
    scrollback: 0,
    convertEol: true,
  });
  const stream = Object.assign(new EventEmitter(), {
    columns: COLUMNS,
    written: 0,
    write(chunk: string): boolean {
      stream.written += chunk.length;
      terminal.write(chunk);
      return true;
    },
  });
  const text = async (): Promise<string[]> => {
    await new Promise<void>((resolve) => terminal.write('', resolve));
    const buffer = terminal.buffer.active;
    return Array.from({ length: ROWS }, (_, row) => {
      const line = buffer.getLine(row)!;
      // Characters with their colours: a stale colour is as wrong as a stale letter.
      return Array.from({ length: terminal.cols }, (_, column) => {
        const cell = line.getCell(column)!;
        return `${cell.getChars() || ' '}${cell.getFgColor()}`;
      }).join('');
    });
  };
  /** The terminal narrows or widens, as the pty's SIGWINCH tells stdout. */
  const resize = (columns: number): void => {
    terminal.resize(columns, ROWS);
    stream.columns = columns;
    stream.emit('resize');
  };
  return { terminal, stream, text, resize };
}

/** A frame as Ink writes one as tall as the terminal: lines of at most COLUMNS cells, some coloured. */
const frame = fc
  .array(
    fc.record({
      text: fc.stringMatching(/^[a-z ›★·0-9-]{0,30}$/),
      colour: fc.constantFrom('', '\u001B[36m', '\u001B[2m'),
    }),
    { minLength: ROWS, maxLength: ROWS },
  )
  .map((lines) =>
    lines.map(({ text, colour }) => (colour ? `${colour}${text}\u001B[39m\u001B[22m` : text)).join('\n'),
  );

describe('writing only the changed lines of a full-screen frame', () => {
  it('leaves the screen exactly as writing every frame whole would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        const whole = screen();
        const diffed = screen();
        const undo = writeChangedLinesOnly(diffed.stream as unknown as NodeJS.WriteStream);
        for (const next of frames) {
          whole.stream.write(CLEAR_TERMINAL + next);
          diffed.stream.write(CLEAR_TERMINAL + next);
          expect(await diffed.text()).toEqual(await whole.text());
        }
        undo();
        whole.terminal.dispose();
        diffed.terminal.dispose();
      }),
      { numRuns: 60 },
    );
  });

  it('writes one line for a cursor move, and nothing for a frame that did not change', () => {
    const lines = ['Accounts', '› pay', '  payments-prod', '› payments-dev', '  ledger', '↑↓ move'];
    const { stream } = screen();
    writeChangedLinesOnly(stream as unknown as NodeJS.WriteStream);
    stream.write(CLEAR_TERMINAL + lines.join('\n'));
    const first = stream.written;
    const moved = [...lines];
    moved[2] = '› payments-prod';
    moved[3] = '  payments-dev';
    stream.write(CLEAR_TERMINAL + moved.join('\n'));
    expect(stream.written - first).toBeLessThan(first);
    expect(changedLines(lines, moved)).not.toContain('Accounts');
    expect(changedLines(moved, moved)).toBe('');
  });

  it('after a resize, lets frames through whole until one fits the terminal, then diffs again', async () => {
    const { terminal, stream, text, resize } = screen();
    writeChangedLinesOnly(stream as unknown as NodeJS.WriteStream);
    const wide = ['a'.repeat(COLUMNS), 'b', 'c', 'd', 'e', 'f'];
    stream.write(CLEAR_TERMINAL + wide.join('\n'));
    resize(COLUMNS - 10);
    // Ink's frame at the old layout: its first line wraps, the rest move down a row and the top scrolls off.
    const wholeSize = (lines: string[]): number => CLEAR_TERMINAL.length + lines.join('\n').length;
    let before = stream.written;
    stream.write(CLEAR_TERMINAL + wide.join('\n'));
    expect(stream.written - before).toBe(wholeSize(wide));
    // However late React's frame at the new size comes, it is drawn whole: the screen holds no frame's rows.
    const narrow = ['a'.repeat(COLUMNS - 10), 'b', 'c', 'd', 'e', 'f'];
    before = stream.written;
    stream.write(CLEAR_TERMINAL + narrow.join('\n'));
    expect(stream.written - before).toBe(wholeSize(narrow));
    await text();
    const rows = Array.from({ length: ROWS }, (_, row) => terminal.buffer.active.getLine(row)!);
    expect(rows.map((row) => row.translateToString(true))).toEqual(narrow);
    // It fits, so the next frame is diffed against it.
    before = stream.written;
    stream.write(CLEAR_TERMINAL + narrow.join('\n'));
    expect(stream.written).toBe(before);
  });

  it('leaves the screen as writing every frame whole would, across resizes at any moment', async () => {
    const step = fc.oneof(
      frame.map((next) => ({ frame: next })),
      fc.integer({ min: 4, max: COLUMNS }).map((columns) => ({ columns })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const whole = screen();
        const diffed = screen();
        const undo = writeChangedLinesOnly(diffed.stream as unknown as NodeJS.WriteStream);
        for (const next of steps) {
          if ('columns' in next) {
            whole.resize(next.columns);
            diffed.resize(next.columns);
            continue;
          }
          whole.stream.write(CLEAR_TERMINAL + next.frame);
          diffed.stream.write(CLEAR_TERMINAL + next.frame);
          expect(await diffed.text()).toEqual(await whole.text());
        }
        undo();
        whole.terminal.dispose();
        diffed.terminal.dispose();
      }),
      { numRuns: 60 },
    );
  });

  it('gives the stream its own write back', () => {
    const { stream } = screen();
    const own = stream.write;
    const undo = writeChangedLinesOnly(stream as unknown as NodeJS.WriteStream);
    expect(stream.write).not.toBe(own);
    undo();
    expect(stream.write).toBe(own);
  });

  it('writes an unbroken line in one piece where its placeholder is, for the terminal to soft-wrap', async () => {
    const url = 'http://127.0.0.1:4000/authorize?response_type=code&state=abcdef';
    const link = `\u001B]8;;${url}\u0007${url}\u001B]8;;\u0007`;
    const rows = rowsFor(url, COLUMNS);
    expect(rows).toBe(3);
    const placeholder = [unbrokenRowMarker(link, rows), '', ''];
    const frameWith = (title: string, footer: string): string =>
      [title, ...placeholder, '', footer].join('\n');
    const { terminal, stream } = screen();
    writeChangedLinesOnly(stream as unknown as NodeJS.WriteStream);
    const joined = async (): Promise<{ rows: string[]; wrapped: boolean[] }> => {
      await new Promise<void>((resolve) => terminal.write('', resolve));
      const buffer = terminal.buffer.active;
      const lines = Array.from({ length: ROWS }, (_, row) => buffer.getLine(row)!);
      return {
        rows: lines.map((line) => line.translateToString(true)),
        wrapped: lines.map((line) => line.isWrapped),
      };
    };
    stream.write(CLEAR_TERMINAL + frameWith('Sign in', 'o open'));
    let shown = await joined();
    expect(shown.rows.slice(1, 4).join('')).toBe(url);
    expect(shown.wrapped).toEqual([false, false, true, true, false, false]);
    expect(shown.rows[5]).toBe('o open');
    // A change elsewhere leaves the line alone; a change of the line rewrites its rows, nothing else.
    stream.write(CLEAR_TERMINAL + frameWith('Sign in 9s', 'o open'));
    shown = await joined();
    expect(shown.rows[0]).toBe('Sign in 9s');
    expect(shown.rows.slice(1, 4).join('')).toBe(url);
    const other = url.replace('abcdef', 'xyz');
    const otherLink = `\u001B]8;;${other}\u0007${other}\u001B]8;;\u0007`;
    const before = stream.written;
    stream.write(
      CLEAR_TERMINAL + ['Sign in 9s', unbrokenRowMarker(otherLink, 3), '', '', '', 'o open'].join('\n'),
    );
    shown = await joined();
    expect(shown.rows.slice(1, 4).join('')).toBe(other);
    expect(shown.rows[5]).toBe('o open');
    expect(stream.written - before).toBeLessThan(otherLink.length + 60);
  });
});
