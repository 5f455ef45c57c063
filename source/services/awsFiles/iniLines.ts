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

/** The line end most lines use, so that added lines match; '\n' when there is none or a tie. */
export function dominantNewline(lines: ReadonlyArray<IniLine>): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const line of lines) {
    if (line.eol === '\r\n') crlf += 1;
    else if (line.eol === '\n') lf += 1;
  }
  return crlf > lf ? '\r\n' : '\n';
}
