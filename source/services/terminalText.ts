/**
 * Text that came from the network or a file (account, email and role names, URLs, service messages,
 * arguments echoed in errors, file paths and lines) on its way to a terminal. Such text can carry escape
 * sequences that set the clipboard (OSC 52) or the window title, clear the screen, hide a link's target
 * (OSC 8), move the cursor over other rows, or reorder what is read (bidi overrides). Every string of that
 * kind goes through `terminalText` before any terminal, in every command and screen.
 *
 * What is escaped: every control and format character — Unicode's Cc (C0 with TAB, CR and LF, DEL, C1),
 * Cf (bidi controls U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C; zero-width U+200B–U+200D, U+2060,
 * U+FEFF; soft hyphen, tag characters…), and the line and paragraph separators U+2028/U+2029. Each
 * becomes a visible escape: `\t`, `\n`, `\r`, `\xNN` up to U+00FF, `\uNNNN` above, `\u{NNNNN}` beyond the
 * BMP. Everything else, backslashes included, is left as it was: the text stays readable, and anything
 * that looks like an escape in it is harmless text either way.
 */

/** Text of printable ASCII only, by far the most common, needs no Unicode property lookup. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7E]/;
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const CONTROLS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** In JSON text every C0 control is already escaped inside strings; the rest pass through raw. */
const RAW_IN_JSON = /[\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}]/gu;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** The escape shown for one control or format character. */
function escapeFor(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short) return short;
  const code = character.codePointAt(0)!;
  const hex = code.toString(16);
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\u{${hex}}`;
}

/** Whether `text` holds a character that `terminalText` escapes. */
export function hasControlCharacters(text: string): boolean {
  return NOT_PRINTABLE_ASCII.test(text) && CONTROL.test(text);
}

/**
 * `text` safe to write to a terminal: every control and format character becomes a visible escape
 * (`\x1b`, `\n`, `\u202e`). The one function for everything shown that the program did not write itself.
 */
export function terminalText(text: string): string {
  return hasControlCharacters(text) ? text.replace(CONTROLS, escapeFor) : text;
}

/**
 * Several lines of untrusted text (a stack trace, a file's lines), each through `terminalText`, each ending
 * in a line break: the lines stay lines, and nothing inside one can start another.
 */
export function terminalLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `${terminalText(line)}\n`)
    .join('');
}

/**
 * `text` without the characters `terminalText` escapes: what search matches against, so that neither a
 * control character nor its escape is ever matched, and `pay\u200bments` is found by `payments`.
 */
export function searchableText(text: string): string {
  return hasControlCharacters(text) ? text.replace(CONTROLS, '') : text;
}

/** An inclusive [start, end] range of characters (UTF-16 code units). */
export type TextRange = readonly [start: number, end: number];

/**
 * Ranges found in `searchableText(text)`, moved to where the same characters are in `terminalText(text)`,
 * so that a highlight lands on what is drawn. A range spanning removed characters covers their escapes too.
 */
export function shownRanges(text: string, ranges: readonly TextRange[]): TextRange[] {
  if (ranges.length === 0 || !hasControlCharacters(text)) return [...ranges];
  // Where each character of the searchable text sits in the shown text.
  const shownAt: number[] = [];
  let shownLength = 0;
  for (const character of text) {
    if (CONTROL.test(character)) {
      shownLength += escapeFor(character).length;
      continue;
    }
    for (let unit = 0; unit < character.length; unit++) shownAt.push(shownLength++);
  }
  const moved: TextRange[] = [];
  for (const [start, end] of ranges) {
    const last = Math.min(end, shownAt.length - 1);
    if (start > last) continue;
    moved.push([shownAt[start]!, shownAt[last]!]);
  }
  return moved;
}

/** A UTF-16 code unit as a JSON `\u` escape. */
function jsonEscape(character: string): string {
  let escaped = '';
  for (let unit = 0; unit < character.length; unit++) {
    escaped += `\\u${character.charCodeAt(unit).toString(16).padStart(4, '0')}`;
  }
  return escaped;
}

/**
 * `JSON.stringify(value, null, indent)` with DEL, C1 and the format characters escaped as `\u` too
 * (JSON.stringify escapes only C0): the same JSON to any parser (`JSON.parse` gives back every string as
 * it was), and no control character reaches a terminal it is printed on.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, jsonEscape);
}
