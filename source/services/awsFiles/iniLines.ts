/** One line of a file: its text and the line end that followed it ('' for a last line without one). */
export interface IniLine {
  readonly content: string;
  readonly eol: '\n' | '\r\n' | '';
}

export const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Splits text the way the AWS SDKs do (at `\n`, with an optional `\r` before it) while keeping each line's
 * own end, so joining `content + eol` gives back the exact text. A lone `\r` stays inside its line, as in
 * the SDKs.
 */
export function splitLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      if (start < text.length) lines.push({ content: text.slice(start), eol: '' });
      return lines;
    }
    const crlf = end > start && text[end - 1] === '\r';
    lines.push({ content: text.slice(start, crlf ? end - 1 : end), eol: crlf ? '\r\n' : '\n' });
    start = end + 1;
  }
}

export function joinLines(lines: ReadonlyArray<IniLine>): string {
  return lines.map((line) => line.content + line.eol).join('');
}

/**
 * The lines of a text as `splitLines` finds them, kept as where each starts: a file of 10,000 profiles has
 * 70,000 lines, and an edit reads a few of them.
 */
export interface LineTable {
  readonly text: string;
  readonly count: number;
  /** Where line `index` (0-based) starts; `start(count)` is the end of the text. */
  start(index: number): number;
  line(index: number): IniLine;
  /** The index of the line that starts at `offset`, or of the one `offset` falls in. */
  lineAt(offset: number): number;
  /** The line end most lines use, so that added lines match; '\n' when there is none or a tie. */
  readonly newline: '\n' | '\r\n';
}

// The session's reading (for a problem's line) and the editor look at the lines of the same text.
let lastTable: LineTable | undefined;

export function lineTable(text: string): LineTable {
  if (lastTable?.text !== text) lastTable = lineTableNow(text);
  return lastTable;
}

function lineTableNow(text: string): LineTable {
  // One pass over the text: the table grows as lines are found (a line is rarely under 16 characters).
  let found = new Int32Array(2 + (text.length >> 4));
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (count + 2 >= found.length) {
      const bigger = new Int32Array(found.length * 2);
      bigger.set(found);
      found = bigger;
    }
    found[++count] = at + 1;
  }
  const lastEnds = text.length > 0 && !text.endsWith('\n');
  if (lastEnds) found[count + 1] = text.length;
  const starts = found.subarray(0, count + (lastEnds ? 2 : 1));
  const lines = starts.length - 1;
  const start = (index: number): number => starts[index] as number;
  const eolOf = (index: number): IniLine['eol'] => {
    const end = start(index + 1);
    if (text.charCodeAt(end - 1) !== 0x0a) return '';
    return end - 2 >= start(index) && text.charCodeAt(end - 2) === 0x0d ? '\r\n' : '\n';
  };
  let crlf = 0;
  if (text.includes('\r')) for (let index = 0; index < lines; index++) if (eolOf(index) === '\r\n') crlf += 1;
  const lf = count - crlf;
  return {
    text,
    count: lines,
    start,
    line: (index) => {
      const eol = eolOf(index);
      return { content: text.slice(start(index), start(index + 1) - eol.length), eol };
    },
    lineAt: (offset) => {
      let low = 0;
      let high = lines - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (start(middle) <= offset) low = middle;
        else high = middle - 1;
      }
      return low;
    },
    newline: crlf > lf ? '\r\n' : '\n',
  };
}
