import { BYTE_ORDER_MARK } from './iniLines.js';

export type IniSectionKind = 'profile' | 'sso-session' | 'services' | 'plain';

export interface IniSubEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based. */
  readonly line: number;
}

export interface IniEntry extends IniSubEntry {
  /** Present on a key with an empty value: the indented `key = value` lines under it (`s3 =` blocks). */
  readonly subEntries?: ReadonlyArray<IniSubEntry>;
}

export interface IniSection {
  /** The text between the brackets, trimmed. */
  readonly rawHeader: string;
  readonly kind: IniSectionKind;
  /** `[profile x]` → x, `[sso-session x]` → x, `[x]` → x. */
  readonly name: string;
  readonly headerLine: number;
  /** The last line before the next section header (or the end of the file). */
  readonly endLine: number;
  /** Read when first asked for: a file of 10,000 profiles has 60,000 entries, and a command reads a few. */
  readonly entries: ReadonlyArray<IniEntry>;
  /** The problems on its lines, its header's included (read with its entries). */
  readonly problems: ReadonlyArray<IniProblem>;
  /** Its lines as they stand in the file, from its header to its last line. */
  readonly text: string;
}

export interface IniProblem {
  /** 1-based. */
  readonly line: number;
  /** Never quotes the line itself: it may hold a secret. */
  readonly message: string;
}

export interface IniDocument {
  readonly sections: ReadonlyArray<IniSection>;
  /** The sections whose text holds `word`, in file order: one search of the file, not one per section. */
  sectionsHolding(word: string): IniSection[];
  readonly problems: ReadonlyArray<IniProblem>;
  readonly newline: '\n' | '\r\n';
}

// The patterns of the AWS SDK for JavaScript (@smithy/shared-ini-file-loader `parseIni`): a comment starts
// with `#` or `;` at the start of a line or after white space only, so `https://x/start#/` keeps its `#`.
export const COMMENT_START = /(^|\s)[;#]/;
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;
const PLAIN_NAME = /^[\w@+.%:/-]+$/;
const PREFIXES: ReadonlySet<string> = new Set<IniSectionKind>(['profile', 'sso-session', 'services']);
// The SDK throws on these names and then reads nothing from the whole file.
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['__proto__', 'profile __proto__']);

export interface HeaderIdentity {
  readonly kind: IniSectionKind;
  readonly name: string;
  /** What two headers are compared by: `[ profile  "dev" ]` and `[profile dev]` are the same section. */
  readonly canonical: string;
}

/**
 * Reads a header as the SDKs do. White space is trimmed and collapsed first, as botocore does (it splits
 * the header on white space); the JavaScript SDK is stricter and ignores `[ profile dev ]`, which is why the
 * editor rewrites such a header to its canonical form whenever it edits that section.
 */
export function identifyHeader(rawHeader: string): HeaderIdentity {
  // Most headers are `profile NAME` already: a file of 10,000 profiles has 10,000 of them.
  const space = rawHeader.indexOf(' ');
  const plainPrefix = rawHeader.slice(0, space);
  if (space > 0 && PREFIXES.has(plainPrefix) && PLAIN_NAME.test(rawHeader.slice(space + 1))) {
    return { kind: plainPrefix as IniSectionKind, name: rawHeader.slice(space + 1), canonical: rawHeader };
  }
  const collapsed = rawHeader.trim().replace(/\s+/g, ' ');
  const match = PREFIXED_HEADER.exec(collapsed);
  const prefix = match?.[1];
  const name = match?.[3];
  if (prefix !== undefined && name !== undefined && PREFIXES.has(prefix)) {
    return { kind: prefix as IniSectionKind, name, canonical: `${prefix} ${name}` };
  }
  return { kind: 'plain', name: collapsed, canonical: collapsed };
}

// A command reads the config file for its session, then again under the lock to edit it: parsed once.
let lastParse: { text: string; document: IniDocument } | undefined;

/** Parses the text of an AWS config or credentials file. Never throws: what it cannot read is a problem. */
export function parseIni(text: string): IniDocument {
  if (lastParse?.text !== text) lastParse = { text, document: parseNow(text, true) };
  return lastParse.document;
}

/** `parseIni` reading every header line as any other, for any text. */
export function parseIniLineByLine(text: string): IniDocument {
  return parseNow(text, false);
}

/**
 * Finds the sections first, from the lines that may be headers alone; each section's lines are read when
 * its entries or problems are first asked for, and the lines before the first header with the
 * document's problems. With `plainHeaders`, a line that is `[profile NAME]` alone (see `plainHeaderAt`)
 * is read without the steps any other line takes.
 */
function parseNow(text: string, plainHeaders: boolean): IniDocument {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const sections: LazySection[] = [];
  // Where each section's header line starts; a section runs up to the next one's.
  const starts: number[] = [];
  let leadEnd = body.length;
  let start = 0;
  let line = 0;
  while (start < body.length) {
    line += 1;
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const first = body.charCodeAt(start);
    // An empty line, or one that starts with printable ASCII other than `[`, is no header.
    if (first !== 0x0a && !(first > 0x20 && first < 0x7f && first !== 0x5b)) {
      const header =
        (plainHeaders && first === 0x5b ? plainHeaderAt(body, start, line) : undefined) ??
        headerIn(lineContent(body, start, end), line);
      if (header !== undefined) {
        const previous = sections.at(-1);
        if (previous === undefined) leadEnd = start;
        else previous.close(start, line - 1);
        sections.push(new LazySection(body, header, start, Math.min(end + 1, body.length)));
        starts.push(start);
      }
    }
    start = end + 1;
  }
  sections.at(-1)?.close(body.length, line);
  let problems: ReadonlyArray<IniProblem> | undefined;
  return {
    sections,
    sectionsHolding: (word) => {
      const found: IniSection[] = [];
      const endOf = (index: number): number => starts[index + 1] ?? body.length;
      for (let at = body.indexOf(word, starts[0] ?? body.length); at !== -1 && at < body.length;) {
        const index = lastAtOrBefore(starts, at);
        if (at + word.length <= endOf(index)) {
          found.push(sections[index] as IniSection);
          at = body.indexOf(word, endOf(index));
        } else at = body.indexOf(word, at + 1);
      }
      return found;
    },
    get problems() {
      problems ??= [
        ...readLines(body, 0, leadEnd, 1, undefined).problems,
        ...sections.flatMap((found) => found.problems),
      ];
      return problems;
    },
    get newline() {
      return dominantNewlineOf(body);
    },
  };
}

/** The index of the last of the ascending `offsets` at or before `offset`. */
function lastAtOrBefore(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A line's text without its line end (`\n`, or `\r\n`: a lone `\r` stays). */
function lineContent(body: string, start: number, end: number): string {
  const returned = end < body.length && end > start && body.charCodeAt(end - 1) === 0x0d;
  return body.slice(start, returned ? end - 1 : end);
}

/** What both SDKs keep of a line: its text before a comment, trimmed. */
function effectiveText(content: string): string {
  return content.includes('#') || content.includes(';')
    ? (content.split(COMMENT_START)[0] ?? '').trim()
    : content.trim();
}

// `[unclosed = 1` is a key to both SDKs (botocore finds no `]`, the JavaScript SDK no header).
function looksLikeHeader(effective: string): boolean {
  return effective.startsWith('[') && !(effective.includes('=') && !effective.includes(']'));
}

const NO_PROBLEMS: readonly IniProblem[] = [];

interface SectionHeader {
  readonly rawHeader: string;
  readonly kind: IniSectionKind;
  readonly name: string;
  readonly line: number;
  readonly problems: readonly IniProblem[];
}

/** The header a line starts a section with, or undefined (a line that looks like one unclosed does not). */
function headerIn(content: string, line: number): SectionHeader | undefined {
  const effective = effectiveText(content);
  if (!looksLikeHeader(effective) || !effective.endsWith(']')) return undefined;
  const rawHeader = effective.slice(1, -1).trim();
  const { kind, name, canonical } = identifyHeader(rawHeader);
  const forbidden = FORBIDDEN_HEADERS.has(canonical);
  // Most headers have no problem: they share one empty list.
  if (rawHeader !== '' && !forbidden) return { rawHeader, kind, name, line, problems: NO_PROBLEMS };
  const problems: IniProblem[] = [];
  if (rawHeader === '') problems.push({ line, message: 'a section header with no name' });
  if (forbidden) {
    problems.push({
      line,
      message: `the section name [${rawHeader}] is not allowed (the AWS SDK for JavaScript then reads nothing from the file)`,
    });
  }
  return { rawHeader, kind, name, line, problems };
}

// `[profile NAME]` (or sso-session, services) alone on its line, NAME of the characters `PLAIN_NAME` allows:
// no white space or comment to take off, read by `identifyHeader`'s first step.
const PLAIN_HEADER_LINE = /\[(?:profile|sso-session|services) [\w@+.%:/-]+\](?=\r?\n|$)/y;

/** `headerIn` for a line at `start` that `PLAIN_HEADER_LINE` matches, read in place; undefined for another. */
function plainHeaderAt(body: string, start: number, line: number): SectionHeader | undefined {
  PLAIN_HEADER_LINE.lastIndex = start;
  if (!PLAIN_HEADER_LINE.test(body)) return undefined;
  const rawHeader = body.slice(start + 1, PLAIN_HEADER_LINE.lastIndex - 1);
  if (FORBIDDEN_HEADERS.has(rawHeader)) return undefined;
  const kind = rawHeader.startsWith('profile ')
    ? 'profile'
    : rawHeader.startsWith('services ')
      ? 'services'
      : 'sso-session';
  return { rawHeader, kind, name: rawHeader.slice(kind.length + 1), line, problems: NO_PROBLEMS };
}

/** A section whose lines are read when its entries or problems are first asked for. */
class LazySection implements IniSection {
  readonly rawHeader: string;
  readonly kind: IniSectionKind;
  readonly name: string;
  readonly headerLine: number;
  private readonly headerProblems: readonly IniProblem[];
  // Where the section ends, known once the next header is found.
  private end = 0;
  private lastLine = 0;
  private read: { entries: IniEntry[]; problems: IniProblem[] } | undefined;

  constructor(
    private readonly body: string,
    header: SectionHeader,
    private readonly headerStart: number,
    private readonly bodyStart: number,
  ) {
    this.rawHeader = header.rawHeader;
    this.kind = header.kind;
    this.name = header.name;
    this.headerLine = header.line;
    this.headerProblems = header.problems;
  }

  close(end: number, endLine: number): void {
    this.end = end;
    this.lastLine = endLine;
  }

  get endLine(): number {
    return this.lastLine;
  }

  get entries(): ReadonlyArray<IniEntry> {
    return this.lines().entries;
  }

  get problems(): ReadonlyArray<IniProblem> {
    return this.lines().problems;
  }

  get text(): string {
    return this.body.slice(this.headerStart, this.end);
  }

  private lines(): { entries: IniEntry[]; problems: IniProblem[] } {
    this.read ??= readLines(this.body, this.bodyStart, this.end, this.headerLine + 1, this.headerProblems);
    return this.read;
  }
}

interface ParentDraft {
  readonly subEntries: IniSubEntry[];
}

/**
 * The entries and problems of the lines from `start` to `end`, the first of them line `firstLine`: a
 * section's after its header (whose problems come first), or with no header those before the first one.
 */
function readLines(
  body: string,
  start: number,
  end: number,
  firstLine: number,
  headerProblems: readonly IniProblem[] | undefined,
): { entries: IniEntry[]; problems: IniProblem[] } {
  const entries: IniEntry[] = [];
  const problems: IniProblem[] = [...(headerProblems ?? [])];
  // The key with an empty value whose indented lines are sub-keys, as the SDKs read `s3 =` blocks.
  let parent: ParentDraft | undefined;
  let line = firstLine;
  for (let at = start; at < end; line += 1) {
    let lineEnd = body.indexOf('\n', at);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const content = lineContent(body, at, lineEnd);
    at = lineEnd + 1;
    const effective = effectiveText(content);
    if (effective === '') continue;
    if (looksLikeHeader(effective)) {
      // A header here is one without its closing bracket: those with one start sections.
      problems.push({ line, message: 'a section header without a closing "]"' });
      continue;
    }
    if (headerProblems === undefined) {
      problems.push({ line, message: 'text before the first section header' });
      continue;
    }
    const equals = effective.indexOf('=');
    if (equals === -1) {
      problems.push({ line, message: 'a line with text but no "="' });
      continue;
    }
    if (equals === 0) {
      problems.push({ line, message: 'a value with no key before "="' });
      continue;
    }
    const key = effective.slice(0, equals).trim();
    const value = effective.slice(equals + 1).trim();
    const first = content.charCodeAt(0);
    const indented = !(first > 0x20 && first < 0x7f) && content.trimStart() !== content;

    if (value !== '' && parent && indented) {
      // A sub-key written twice is no problem: both SDKs take the later one.
      parent.subEntries.push({ key, value, line });
      continue;
    }
    for (const earlier of entries) {
      if (earlier.key === key) {
        problems.push({ line, message: duplicateKey(earlier.line) });
        break;
      }
    }
    if (value === '') {
      const subEntries: IniSubEntry[] = [];
      entries.push({ key, value, line, subEntries });
      parent = { subEntries };
    } else {
      entries.push({ key, value, line });
      parent = undefined;
    }
  }
  return { entries, problems };
}

/** '\r\n' when more lines end with it than with a bare '\n'; '\n' otherwise. */
function dominantNewlineOf(body: string): '\n' | '\r\n' {
  let crlf = 0;
  for (let at = body.indexOf('\r\n'); at !== -1; at = body.indexOf('\r\n', at + 2)) crlf += 1;
  let lf = -crlf;
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) lf += 1;
  return crlf > lf ? '\r\n' : '\n';
}

// The key is not named: a secret pasted on a line of its own, ending in `=`, would read as a key.
function duplicateKey(firstLine: number): string {
  return `a key that already appears on line ${firstLine} (botocore refuses such a file)`;
}
