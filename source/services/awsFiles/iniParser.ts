import { BYTE_ORDER_MARK, lineTable, type LineTable } from './iniLines.js';

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
  /**
   * The sections of these kinds and names (`[profile "dev"]` is profile dev), in file order: looked up in
   * an index of the headers made when first asked for, not by reading each section's name.
   */
  sectionsNamed(names: Iterable<readonly [IniSectionKind, string]>): IniSection[];
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
let lastParse: { text: string; document: IniDocument; parsed: ParsedText } | undefined;

/** Parses the text of an AWS config or credentials file. Never throws: what it cannot read is a problem. */
export function parseIni(text: string): IniDocument {
  return parsedOnce(text).document;
}

function parsedOnce(text: string): { document: IniDocument; parsed: ParsedText } {
  if (lastParse?.text !== text) lastParse = { text, ...parseNow(text, true) };
  return lastParse;
}

/** Where a text's sections start, and their headers: `[` to `]` of each header line. */
export interface HeaderLines {
  readonly starts: readonly number[];
  readonly headers: ReadonlyArray<{ readonly rawHeader: string }>;
  readonly index: HeaderIndex;
}

/** The sections by kind and name (`profile dev`): where each is first, and where it is given again. */
export interface HeaderIndex {
  readonly first: ReadonlyMap<string, number>;
  readonly again: ReadonlyMap<string, readonly number[]>;
}

/**
 * The header lines of a text whose every line that may be a header (see `mayBeHeader`) is one of
 * `PLAIN_HEADER_LINE` (`[profile NAME]` alone, the name of the characters `PLAIN_NAME` allows, not
 * `__proto__`): found by `parseIni`, which the session's reading of the same text has already run.
 * Undefined for any other text, and for one that starts with a byte order mark.
 */
export function plainHeaderLines(text: string): HeaderLines | undefined {
  if (text.startsWith(BYTE_ORDER_MARK)) return undefined;
  const { document, parsed } = parsedOnce(text);
  return parsed.allPlain
    ? { starts: parsed.starts, headers: document.sections, index: parsed.index(document.sections) }
    : undefined;
}

/** `parseIni` reading every header line as any other, for any text. */
export function parseIniLineByLine(text: string): IniDocument {
  return parseNow(text, false).document;
}

/**
 * Finds the sections first, from the lines that may be headers alone; each section's lines are read when
 * its entries or problems are first asked for, and the lines before the first header with the
 * document's problems. With `plainHeaders`, the lines that may be headers are found by one search each
 * (a file of 10,000 profiles has 70,000 lines and 10,000 such), a line that is `[profile NAME]` alone (see
 * `plainHeaderAt`) is read without the steps any other line takes, and the line numbers are counted only
 * when asked for; without, each line is stepped through and counted.
 */
function parseNow(text: string, plainHeaders: boolean): { document: IniDocument; parsed: ParsedText } {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const parsed = new ParsedText(body, !plainHeaders);
  const { starts } = parsed;
  const sections: LazySection[] = [];
  const found = (start: number, end: number, line: number | undefined): void => {
    const index = sections.length;
    const plain = plainHeaders && body.charCodeAt(start) === 0x5b ? plainHeaderAt(body, start) : undefined;
    if (plain !== undefined) {
      sections.push(new LazySection(parsed, index, plain, plainKindOf(plain), undefined));
    } else {
      parsed.allPlain = false;
      const header = headerIn(lineContent(body, start, end));
      if (header === undefined) return;
      if (header.faults.length > 0) parsed.faults.set(index, header.faults);
      sections.push(new LazySection(parsed, index, header.rawHeader, header.kind, header.name));
    }
    starts.push(start);
    if (line !== undefined) parsed.countedLines.push(line);
  };
  if (plainHeaders) {
    for (let start = mayBeHeader(body, 0) ? 0 : nextMaybeHeader(body, 0); start !== -1;) {
      let end = body.indexOf('\n', start);
      if (end === -1) end = body.length;
      found(start, end, undefined);
      start = nextMaybeHeader(body, end);
    }
  } else {
    for (let start = 0; start < body.length;) {
      parsed.lineCount += 1;
      let end = body.indexOf('\n', start);
      if (end === -1) end = body.length;
      if (mayBeHeader(body, start)) found(start, end, parsed.lineCount);
      start = end + 1;
    }
  }
  let problems: ReadonlyArray<IniProblem> | undefined;
  const document: IniDocument = {
    sections,
    sectionsNamed: (names) => {
      const { first, again } = parsed.index(sections);
      const found = new Set<number>();
      for (const [kind, name] of names) {
        const key = `${kind} ${name}`;
        const index = first.get(key);
        if (index === undefined) continue;
        found.add(index);
        for (const later of again.get(key) ?? []) found.add(later);
      }
      return [...found].sort((a, b) => a - b).map((index) => sections[index] as IniSection);
    },
    sectionsHolding: (word) => {
      const holding: IniSection[] = [];
      for (let at = body.indexOf(word, starts[0] ?? body.length); at !== -1 && at < body.length;) {
        const index = lastAtOrBefore(starts, at);
        const end = parsed.endOf(index);
        if (at + word.length <= end) {
          holding.push(sections[index] as IniSection);
          at = body.indexOf(word, end);
        } else at = body.indexOf(word, at + 1);
      }
      return holding;
    },
    get problems() {
      problems ??= [
        ...readLines(body, 0, starts[0] ?? body.length, 1, undefined).problems,
        ...sections.flatMap((section) => section.problems),
      ];
      return problems;
    },
    get newline() {
      return dominantNewlineOf(body);
    },
  };
  return { document, parsed };
}

/**
 * What the sections of one parse share: the text, where each section starts (it runs up to the next
 * one's start), and the line numbers, counted line by line or, when not, when first asked for.
 */
class ParsedText {
  readonly starts: number[] = [];
  /** The header lines, by section, when counted line by line. */
  readonly countedLines: number[] = [];
  /** The number of lines, when counted line by line. */
  lineCount = 0;
  /** Whether every line that may be a header is a plain header line, read in place. */
  allPlain = true;
  /** What is wrong with the headers that have a fault, by section. */
  readonly faults = new Map<number, readonly string[]>();
  private table: LineTable | undefined;
  private headerIndex: HeaderIndex | undefined;

  constructor(
    readonly body: string,
    private readonly counted: boolean,
  ) {}

  endOf(index: number): number {
    return this.starts[index + 1] ?? this.body.length;
  }

  /** The index of the sections' headers, made once. */
  index(sections: readonly IniSection[]): HeaderIndex {
    if (this.headerIndex === undefined) {
      const first = new Map<string, number>();
      const again = new Map<string, number[]>();
      sections.forEach((section, index) => {
        // A plain header is its kind and name already: no new string for each of 10,000 profiles.
        const key = this.allPlain ? section.rawHeader : `${section.kind} ${section.name}`;
        const known = first.get(key);
        if (known === undefined) first.set(key, index);
        else again.set(key, [...(again.get(key) ?? []), index]);
      });
      this.headerIndex = { first, again };
    }
    return this.headerIndex;
  }

  /** 1-based. */
  headerLine(index: number): number {
    if (this.counted) return this.countedLines[index] as number;
    this.table ??= lineTable(this.body);
    return this.table.lineAt(this.starts[index] as number) + 1;
  }

  /** 1-based: the line before the next header, or the text's last. */
  endLine(index: number): number {
    if (index + 1 < this.starts.length) return this.headerLine(index + 1) - 1;
    if (this.counted) return this.lineCount;
    this.table ??= lineTable(this.body);
    return this.table.count;
  }
}

// An empty line, or one that starts with printable ASCII other than `[`, is no header.
function mayBeHeader(body: string, start: number): boolean {
  const first = body.charCodeAt(start);
  return start < body.length && first !== 0x0a && !(first > 0x20 && first < 0x7f && first !== 0x5b);
}

// The line end before a line `mayBeHeader` admits.
const MAYBE_HEADER_NEXT = /\n(?=[^\x21-\x5a\x5c-\x7e\n])/g;

/** Where the first line after the one ending at `end` that may be a header starts, or -1. */
function nextMaybeHeader(body: string, end: number): number {
  MAYBE_HEADER_NEXT.lastIndex = end;
  return MAYBE_HEADER_NEXT.test(body) ? MAYBE_HEADER_NEXT.lastIndex : -1;
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

interface SectionHeader {
  readonly rawHeader: string;
  readonly kind: IniSectionKind;
  readonly name: string;
  /** What is wrong with the header, if anything: its problems, once its line is known. */
  readonly faults: readonly string[];
}

const NO_FAULTS: readonly string[] = [];

/** The header a line starts a section with, or undefined (a line that looks like one unclosed does not). */
function headerIn(content: string): SectionHeader | undefined {
  const effective = effectiveText(content);
  if (!looksLikeHeader(effective) || !effective.endsWith(']')) return undefined;
  const rawHeader = effective.slice(1, -1).trim();
  const { kind, name, canonical } = identifyHeader(rawHeader);
  const forbidden = FORBIDDEN_HEADERS.has(canonical);
  // Most headers have no problem: they share one empty list.
  if (rawHeader !== '' && !forbidden) return { rawHeader, kind, name, faults: NO_FAULTS };
  const faults: string[] = [];
  if (rawHeader === '') faults.push('a section header with no name');
  if (forbidden) {
    faults.push(
      `the section name [${rawHeader}] is not allowed (the AWS SDK for JavaScript then reads nothing from the file)`,
    );
  }
  return { rawHeader, kind, name, faults };
}

// `[profile NAME]` (or sso-session, services) alone on its line, NAME of the characters `PLAIN_NAME` allows:
// no white space or comment to take off, read by `identifyHeader`'s first step.
const PLAIN_HEADER_LINE = /\[(?:profile|sso-session|services) [\w@+.%:/-]+\](?=\r?\n|$)/y;

/**
 * The raw header of a line at `start` that `PLAIN_HEADER_LINE` matches, read in place (`headerIn` reads
 * it alike, its name after the prefix); undefined for another line.
 */
function plainHeaderAt(body: string, start: number): string | undefined {
  PLAIN_HEADER_LINE.lastIndex = start;
  if (!PLAIN_HEADER_LINE.test(body)) return undefined;
  const rawHeader = body.slice(start + 1, PLAIN_HEADER_LINE.lastIndex - 1);
  return FORBIDDEN_HEADERS.has(rawHeader) ? undefined : rawHeader;
}

function plainKindOf(rawHeader: string): IniSectionKind {
  if (rawHeader.startsWith('profile ')) return 'profile';
  return rawHeader.startsWith('services ') ? 'services' : 'sso-session';
}

/**
 * A section whose lines are read when its entries or problems are first asked for. A file of 10,000
 * profiles has 10,000 of them: what they share is kept once, with the parse.
 */
class LazySection implements IniSection {
  private read: { entries: IniEntry[]; problems: IniProblem[] } | undefined;

  constructor(
    private readonly parsed: ParsedText,
    private readonly index: number,
    readonly rawHeader: string,
    readonly kind: IniSectionKind,
    // A plain header's is read from it when first asked for.
    private foundName: string | undefined,
  ) {}

  get name(): string {
    this.foundName ??= this.rawHeader.slice(this.kind.length + 1);
    return this.foundName;
  }

  get headerLine(): number {
    return this.parsed.headerLine(this.index);
  }

  get endLine(): number {
    return this.parsed.endLine(this.index);
  }

  get entries(): ReadonlyArray<IniEntry> {
    return this.lines().entries;
  }

  get problems(): ReadonlyArray<IniProblem> {
    return this.lines().problems;
  }

  get text(): string {
    const { body, starts } = this.parsed;
    return body.slice(starts[this.index], this.parsed.endOf(this.index));
  }

  private lines(): { entries: IniEntry[]; problems: IniProblem[] } {
    if (this.read === undefined) {
      const { body, starts } = this.parsed;
      const lineEnd = body.indexOf('\n', starts[this.index]);
      const bodyStart = lineEnd === -1 ? body.length : lineEnd + 1;
      const line = this.headerLine;
      const faults = this.parsed.faults.get(this.index) ?? [];
      const headerProblems = faults.map((message) => ({ line, message }));
      this.read = readLines(body, bodyStart, this.parsed.endOf(this.index), line + 1, headerProblems);
    }
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
