// How the two readers of AWS files that matter read them, line for line: botocore (the AWS CLI and boto3:
// Python's configparser, then `build_profile_map`) and the AWS SDK for JavaScript (@smithy's `parseIni`,
// then `getConfigData`). They disagree on much (inline comments, `:` as a delimiter, indented lines, text
// after `]`, byte order marks), so an edit is judged by both: see `judgeEdit` in iniEditor.ts.

import { plainHeaderLines, type HeaderLines } from './iniParser.js';

export type AwsFileKind = 'config' | 'credentials';

/** What a section is to an SDK, once its header is read. */
export type SectionName =
  | { readonly space: 'profile' | 'sso-session' | 'services'; readonly name: string }
  | { readonly space: 'defaults' }
  | { readonly space: 'other'; readonly name: string }
  /** `[profile a b]`: a prefix botocore recognises, but not one name after it; it drops the section. */
  | { readonly space: 'ignored'; readonly name: string };

/** A key's value and the 1-based line it was read from. */
export interface ReadValue {
  readonly value: string;
  readonly line: number;
}

export type ReadSection = Map<string, ReadValue>;

export interface Reading {
  /** Each entity the SDK sees (`profile dev`, `sso-session corp`, `other x`), with its keys. */
  readonly entities: Map<string, ReadSection>;
  /** Where each entity's (winning) header is, 1-based. */
  readonly headerLines: Map<string, number>;
}

export type ReadOutcome =
  | { readonly ok: true; readonly reading: Reading }
  | { readonly ok: false; readonly line: number; readonly reason: string };

export function entityKey(name: SectionName): string {
  return name.space === 'defaults' ? 'defaults' : `${name.space} ${name.name}`;
}

// Python's str.isspace() set (str.strip, re's \s) and JavaScript's (String.prototype.trim, \s).
const PY_SPACE =
  '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const PY_NONSPACE = new RegExp(`[^${PY_SPACE}]`);
// `s`: Python's `.` takes every character but \n, U+2028 and U+2029 included, which a line may hold.
const PY_OPTION = new RegExp(`^(.*?)[${PY_SPACE}]*([=:])[${PY_SPACE}]*(.*)$`, 's');

/** Printable ASCII: no reader takes it for white space or a line end. */
function isPrintable(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

// A line of tabs and printable ASCII only: white space is what `trim` removes, `.` matches every character.
const PLAIN_LINE = /^[\t\x20-\x7e]*$/;

function pyStrip(text: string): string {
  // Most lines neither start nor end with white space; a file has tens of thousands of them.
  if (isPrintable(text.charCodeAt(0)) && isPrintable(text.charCodeAt(text.length - 1))) return text;
  return text.replace(PY_STRIP, '');
}

/** The header configparser reads in a line already stripped, or undefined: `[` … the last `]`. */
export function botocoreHeader(stripped: string): string | undefined {
  if (!stripped.startsWith('[')) return undefined;
  const close = stripped.lastIndexOf(']');
  return close >= 2 ? stripped.slice(1, close) : undefined;
}

export function isBotocoreComment(line: string): boolean {
  const stripped = pyStrip(line);
  return stripped.startsWith('#') || stripped.startsWith(';');
}

export function pythonIndent(line: string): number {
  if (isPrintable(line.charCodeAt(0))) return 0;
  const found = PY_NONSPACE.exec(line);
  return found ? found.index : 0;
}

/** The option name configparser reads in a stripped line (lower-cased), or undefined for no delimiter. */
export function botocoreOption(stripped: string): { key: string; value: string } | undefined {
  if (PLAIN_LINE.test(stripped)) {
    // PY_OPTION on such a line: the first `=` or `:` delimits, white space around it goes.
    const equals = stripped.indexOf('=');
    const colon = stripped.indexOf(':');
    const at = equals === -1 ? colon : colon === -1 ? equals : Math.min(equals, colon);
    if (at === -1) return undefined;
    return { key: stripped.slice(0, at).trim().toLowerCase(), value: stripped.slice(at + 1).trim() };
  }
  const match = PY_OPTION.exec(stripped);
  if (!match) return undefined;
  return { key: pyStrip(match[1] ?? '').toLowerCase(), value: pyStrip(match[3] ?? '') };
}

/** Python's `shlex.split` (POSIX mode, no comments); undefined where it raises. */
export function shlexSplit(text: string): string[] | undefined {
  // Without quotes or backslashes, words are what white space separates.
  if (!/['"\\]/.test(text)) return text.split(/[ \t\r\n]+/).filter((word) => word !== '');
  const words: string[] = [];
  let word: string | undefined;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (/[ \t\r\n]/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      index += 1;
    } else if (char === "'") {
      const close = text.indexOf("'", index + 1);
      if (close === -1) return undefined;
      word = (word ?? '') + text.slice(index + 1, close);
      index = close + 1;
    } else if (char === '"') {
      let part = '';
      index += 1;
      for (;;) {
        if (index >= text.length) return undefined;
        const inner = text[index] as string;
        if (inner === '"') break;
        const next = text[index + 1];
        if (inner === '\\' && next !== undefined && '\\"$`\n'.includes(next)) {
          part += next;
          index += 2;
        } else {
          part += inner;
          index += 1;
        }
      }
      word = (word ?? '') + part;
      index += 1;
    } else if (char === '\\') {
      const next = text[index + 1];
      if (next === undefined) return undefined;
      word = (word ?? '') + (next === '\n' ? '' : next);
      index += 2;
    } else {
      word = (word ?? '') + char;
      index += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const PREFIXED_NAME = /^(profile|sso-session|services) ([^\s'"\\]+)$/;

/** What botocore makes of a header (the text between `[` and the last `]`) in a file of that kind. */
export function botocoreSectionName(header: string, kind: AwsFileKind): SectionName {
  if (header === 'DEFAULT') return { space: 'defaults' };
  if (kind === 'credentials') return { space: 'profile', name: header };
  // What `shlexSplit` makes of the usual `profile NAME`, at less cost.
  const plain = PREFIXED_NAME.exec(header);
  if (plain !== null) return { space: plain[1] as 'profile', name: plain[2] as string };
  for (const space of ['profile', 'sso-session', 'services'] as const) {
    if (!header.startsWith(space)) continue;
    const parts = shlexSplit(header);
    return parts?.length === 2 ? { space, name: parts[1] as string } : { space: 'ignored', name: header };
  }
  if (header === 'default') return { space: 'profile', name: 'default' };
  return { space: 'other', name: header };
}

interface PyOption {
  /** The value's lines; left out by a scan for a value that cannot be a block of sub-keys. */
  readonly lines: string[] | undefined;
  readonly line: number;
}

interface PySection {
  readonly header: string;
  readonly line: number;
  readonly options: Map<string, PyOption>;
}

/** Where a section an SDK reads starts and ends in the text: its header line up to the next header. */
export interface SectionSpan {
  /** The entity it is read into (`defaults` for botocore's [DEFAULT]); undefined when the SDK drops it. */
  readonly entity: string | undefined;
  /** Offsets into the text. */
  readonly start: number;
  readonly end: number;
  /** Its header line starts with white space, which botocore may read as part of a value elsewhere. */
  readonly indented: boolean;
  /** What the SDK reads between the brackets (botocore: up to the last `]`). */
  readonly header: string;
}

/** Whether the SDK reads the file, and its sections, without what they hold. */
export type ScanOutcome =
  | { readonly ok: true; readonly spans: readonly SectionSpan[] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

type PassOutcome =
  | { readonly ok: true; readonly reading: Reading | undefined; readonly spans: readonly SectionSpan[] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

/** `raw_config_parse` then `build_profile_map` (config) or the sections as they are (credentials). */
export function readAsBotocore(text: string, kind: AwsFileKind): ReadOutcome {
  const outcome = botocorePass(text, kind, true);
  return outcome.ok ? { ok: true, reading: outcome.reading as Reading } : outcome;
}

/**
 * What `readAsBotocore` decides about the file (read or refused: the same loop), and where its sections
 * are, without building what they hold: a section's values depend on its own lines and [DEFAULT] alone.
 */
export function scanAsBotocore(text: string, kind: AwsFileKind): ScanOutcome {
  // The editor's layout and the judgement of its edit scan the same text.
  if (lastBotocoreScan?.kind !== kind || lastBotocoreScan.text !== text) {
    lastBotocoreScan = { text, kind, outcome: plainScan(text, kind) ?? scanAsBotocoreLineByLine(text, kind) };
  }
  return lastBotocoreScan.outcome;
}

/** `scanAsBotocore` by `readAsBotocore`'s own loop, line by line, for any text. */
export function scanAsBotocoreLineByLine(text: string, kind: AwsFileKind): ScanOutcome {
  const outcome = botocorePass(text, kind, false);
  return outcome.ok ? { ok: true, spans: outcome.spans } : outcome;
}

// A key as configparser reads it from the first column: printable ASCII up to white space or a delimiter,
// not starting as a header, a comment or with a delimiter.
const KEY = '[!-"$-9<>-Z\\\\-~][!-9;<>-~]*';
// Line ends other than \n: botocore ends a line at \r too, and `PY_OPTION`'s `.` stops at \u2028 and \u2029.
const OTHER_LINE_ENDS = /[\r\u2028\u2029]/;
/**
 * A line that botocore may read in more than one way: a plain file's lines are blank, a comment from the
 * first column, a header from `[` to a last `]`, or `key = value` from the first column. No line is
 * indented, so no value runs over lines and no key opens a block of sub-keys.
 */
const NOT_PLAIN_LINE = new RegExp(`^(?!(?:[#;][^\\n]*|\\[[^\\n]+\\]|${KEY}[ \\t]*[=:][^\\n]*|)$)`, 'm');
// Only blank lines and comments before the first header.
const HEADER_FIRST = /^(?:(?:[#;][^\n]*)?\n)*\[/;
// A key that appears again before the next header, in any case.
const KEY_AGAIN = new RegExp(`^(${KEY})[ \\t]*[=:][^\\n]*\\n(?:(?!\\[)[^\\n]*\\n)*?\\1[ \\t]*[=:]`, 'mi');
// `KEY_AGAIN` runs over each section once per key: the sections' squared lengths, summed, may be up to
// this many times the text's length (sections of 1 KB on average, weighted by length).
const KEY_AGAIN_SPREAD = 1024;

/**
 * `scanAsBotocore` for a plain text (see `NOT_PLAIN_LINE`, each line ended by \n) that botocore reads,
 * from a few searches over the whole text instead of a step per line: its sections start at the lines
 * that start with `[`, and what could make botocore refuse such a file is text before the first header, or
 * a header or a key given twice in its section. Undefined for any other text, or where a search cannot
 * tell (a [DEFAULT] given twice, whose keys botocore checks across both; sections too long for
 * `KEY_AGAIN`): a refusal too is left to `scanLineByLine`, for its line and reason.
 */
export function scanPlainFileAsBotocore(text: string, kind: AwsFileKind): ScanOutcome | undefined {
  if (!text.endsWith('\n') || OTHER_LINE_ENDS.test(text) || NOT_PLAIN_LINE.test(text)) return undefined;
  const first = HEADER_FIRST.exec(text);
  if (first === null) return undefined;
  const found = kind === 'config' ? plainHeaderLines(text) : undefined;
  if (found !== undefined) return scanPlainHeaderLines(text, found);
  const spans: SectionSpan[] = [];
  const seen = new Set<string>();
  let squares = 0;
  for (let start = first[0].length - 1; start !== -1;) {
    const end = text.indexOf('\n', start);
    const header = text.slice(start + 1, end - 1);
    if (seen.has(header)) return undefined;
    seen.add(header);
    const next = text.indexOf('\n[', end);
    const sectionEnd = next === -1 ? text.length : next + 1;
    // `profile NAME` in a config file names its own entity (`botocoreSectionName`'s first step).
    const shared = kind === 'config' && SHARED_HEADER.test(header);
    const entity = shared ? header : botocoreEntity(header, kind);
    spans.push({ entity, start, end: sectionEnd, indented: false, header });
    squares += (sectionEnd - start) ** 2;
    start = next === -1 ? -1 : next + 1;
  }
  if (squares > KEY_AGAIN_SPREAD * text.length || KEY_AGAIN.test(text)) return undefined;
  return { ok: true, spans };
}

/**
 * `scanPlainFileAsBotocore` for a plain config file whose every line that starts with `[` is a plain
 * header line (`plainHeaderLines`): those are botocore's headers, each `profile NAME` (or sso-session,
 * services) its own entity, read alike by the JavaScript SDK; their strings are the parse's.
 */
function scanPlainHeaderLines(
  text: string,
  { starts, headers, index }: HeaderLines,
): ScanOutcome | undefined {
  if (index.again.size > 0) return undefined;
  const spans: SectionSpan[] = [];
  let squares = 0;
  for (let at = 0; at < starts.length; at++) {
    const start = starts[at] as number;
    const header = (headers[at] as { rawHeader: string }).rawHeader;
    const end = starts[at + 1] ?? text.length;
    spans.push({ entity: header, start, end, indented: false, header });
    squares += (end - start) ** 2;
  }
  if (squares > KEY_AGAIN_SPREAD * text.length || KEY_AGAIN.test(text)) return undefined;
  // A plain header's kind and name, the parse's index by header, are its entity.
  readAlike.set(spans, index.first);
  return { ok: true, spans };
}

/**
 * The plain scans of config files whose every header is `[profile NAME]` alone on its line (a prefix and
 * a name of the characters `SHARED_HEADER` allows, not `__proto__`): the JavaScript SDK reads each as the
 * same entity as botocore, and finds no other header (see `scanPlainFileAsJsSdk`). Each entity has one
 * span (botocore refuses a header given twice), found by its entity here, by index.
 */
const readAlike = new WeakMap<readonly SectionSpan[], ReadonlyMap<string, number>>();

/** Whether `spans` are such a scan's: both SDKs read the file's sections alike, each header on its line. */
export function headersReadAlike(spans: readonly SectionSpan[]): boolean {
  return readAlike.has(spans);
}

/**
 * The indexes in `spans` of the entities' spans, in file order, when `spans` are a scan whose headers
 * both SDKs read alike (`headersReadAlike`): its one span each, without a look at every other span.
 * Undefined for other spans.
 */
export function indexesOfEntities(
  spans: readonly SectionSpan[],
  entities: ReadonlySet<string>,
): number[] | undefined {
  const byEntity = readAlike.get(spans);
  if (byEntity === undefined) return undefined;
  const found: number[] = [];
  for (const entity of entities) {
    const index = byEntity.get(entity);
    if (index !== undefined) found.push(index);
  }
  return found.sort((a, b) => a - b);
}

/** The entity botocore reads a header into, or undefined for one it drops. */
function botocoreEntity(header: string, kind: AwsFileKind): string | undefined {
  const name = botocoreSectionName(header, kind);
  return name.space === 'ignored' ? undefined : entityKey(name);
}

// The scans of both SDKs start from it.
function plainScan(text: string, kind: AwsFileKind): ScanOutcome | undefined {
  if (lastPlainScan?.kind !== kind || lastPlainScan.text !== text) {
    lastPlainScan = { text, kind, outcome: scanPlainFileAsBotocore(text, kind) };
  }
  return lastPlainScan.outcome;
}

let lastPlainScan: { text: string; kind: AwsFileKind; outcome: ScanOutcome | undefined } | undefined;

let lastBotocoreScan: { text: string; kind: AwsFileKind; outcome: ScanOutcome } | undefined;

type HeaderAt = Omit<SectionSpan, 'end'>;

/** Each section runs from its header to the next one, the last to the end of the text. */
function spansOf(headers: readonly HeaderAt[], length: number): SectionSpan[] {
  return headers.map(({ entity, start, indented, header }, index) => ({
    entity,
    start,
    end: headers[index + 1]?.start ?? length,
    indented,
    header,
  }));
}

function botocorePass(text: string, kind: AwsFileKind, materialize: boolean): PassOutcome {
  const sections = new Map<string, PySection>();
  const defaults: PySection = { header: 'DEFAULT', line: 0, options: new Map() };
  const headers: HeaderAt[] = [];
  let current: PySection | undefined;
  let option: PyOption | undefined;
  let indentLevel = 0;
  let firstError: { line: number; reason: string } | undefined;
  const scanKeys = new Map<string, PyOption>();
  const blocks = new Map<PyOption, string>();
  // Python's universal newlines: a line ends at \n, \r\n or a lone \r.
  let start = 0;
  let line = 0;
  let nextReturn = text.indexOf('\r');
  while (start < text.length) {
    line += 1;
    let newline = text.indexOf('\n', start);
    if (newline === -1) newline = text.length;
    if (nextReturn !== -1 && nextReturn < start) nextReturn = text.indexOf('\r', start);
    let end = newline;
    let next = newline + 1;
    if (nextReturn !== -1 && nextReturn < newline) {
      end = nextReturn;
      next = text.charCodeAt(nextReturn + 1) === 0x0a ? nextReturn + 2 : nextReturn + 1;
    }
    const lineStart = start;
    const raw = text.slice(start, end);
    start = next;
    const stripped = pyStrip(raw);
    const comment = stripped.startsWith('#') || stripped.startsWith(';');
    if (comment || stripped === '') {
      if (!comment && option) option.lines?.push('');
      continue;
    }
    const indent = pythonIndent(raw);
    if (current && option && indent > indentLevel) {
      option.lines?.push(stripped);
      continue;
    }
    indentLevel = indent;
    const header = botocoreHeader(stripped);
    if (header !== undefined) {
      option = undefined;
      if (header === 'DEFAULT') {
        current = defaults;
        headers.push({ entity: 'defaults', start: lineStart, indented: indent > 0, header });
        continue;
      }
      const earlier = sections.get(header);
      if (earlier) {
        return failure(line, `the section [${header}] appears again, first on line ${earlier.line}`);
      }
      // A scan keeps no section's keys past it (a section never reopens: that is a duplicate), only the
      // values that may be blocks of sub-keys, to check them.
      if (!materialize) scanKeys.clear();
      current = { header, line, options: materialize ? new Map() : scanKeys };
      sections.set(header, current);
      const name = botocoreSectionName(header, kind);
      const entity = name.space === 'ignored' ? undefined : entityKey(name);
      headers.push({ entity, start: lineStart, indented: indent > 0, header });
      continue;
    }
    if (!current) {
      const bom = line === 1 && raw.startsWith('\uFEFF');
      return failure(
        line,
        bom ? 'a byte order mark (U+FEFF) at the start of the file' : 'text before the first section header',
      );
    }
    const parsed = botocoreOption(stripped);
    if (!parsed || parsed.key === '') {
      firstError ??= { line, reason: 'a line that is neither a section header nor "key = value"' };
      option = undefined;
      continue;
    }
    if (current.options.has(parsed.key)) {
      return failure(
        line,
        `a key that already appears in its section on line ${current.options.get(parsed.key)?.line}`,
      );
    }
    // Only a value whose first line is empty can turn out a block of sub-keys, with lines to check.
    option = { lines: materialize || parsed.value === '' ? [parsed.value] : undefined, line };
    current.options.set(parsed.key, option);
    if (!materialize && option.lines) blocks.set(option, parsed.key);
  }
  if (firstError) return failure(firstError.line, firstError.reason);

  const flattenOption = (
    key: string,
    { lines: valueLines, line: keyLine }: PyOption,
    into: ReadSection | undefined,
  ): { line: number; reason: string } | undefined => {
    if (valueLines === undefined) return undefined;
    const joined = valueLines.length === 1 ? (valueLines[0] as string) : valueLines.join('\n');
    const value = isPrintable(joined.charCodeAt(joined.length - 1))
      ? joined
      : joined.replace(PY_TRAILING, '');
    if (!value.startsWith('\n')) {
      into?.set(key, { value, line: keyLine });
      return undefined;
    }
    for (const nested of pythonSplitLines(value)) {
      const trimmed = pyStrip(nested);
      if (trimmed === '') continue;
      const equals = trimmed.indexOf('=');
      if (equals === -1) return { line: keyLine, reason: `a line under ${key} without "="` };
      into?.set(`${key}.${pyStrip(trimmed.slice(0, equals))}`, {
        value: pyStrip(trimmed.slice(equals + 1)),
        line: keyLine,
      });
    }
    return undefined;
  };
  const flatten = (
    section: PySection,
    into: ReadSection | undefined,
  ): { line: number; reason: string } | undefined => {
    for (const [key, option] of section.options) {
      const problem = flattenOption(key, option, into);
      if (problem) return problem;
    }
    return undefined;
  };
  const spans = spansOf(headers, text.length);
  const defaultValues: ReadSection | undefined = materialize ? new Map() : undefined;
  const defaultsProblem = flatten(defaults, defaultValues);
  if (defaultsProblem) return failure(defaultsProblem.line, defaultsProblem.reason);
  if (!materialize || defaultValues === undefined) {
    for (const [option, key] of blocks) {
      const problem = flattenOption(key, option, undefined);
      if (problem) return failure(problem.line, problem.reason);
    }
    return { ok: true, reading: undefined, spans };
  }
  const entities = new Map<string, ReadSection>();
  const headerLines = new Map<string, number>();
  for (const section of sections.values()) {
    const values: ReadSection = new Map(defaultValues);
    for (const key of defaultValues.keys()) {
      // A key of the section hides the default of the same name (configparser's ChainMap).
      if (section.options.has(key.split('.')[0] as string)) values.delete(key);
    }
    const problem = flatten(section, values);
    if (problem) return failure(problem.line, problem.reason);
    const name = botocoreSectionName(section.header, kind);
    if (name.space === 'ignored') continue;
    const key = entityKey(name);
    // build_profile_map: a later section of the same profile replaces an earlier one whole.
    entities.set(key, values);
    headerLines.set(key, section.line);
  }
  entities.set('defaults', defaultValues);
  return { ok: true, reading: { entities, headerLines }, spans };
}

// The line breaks of Python's str.splitlines(), which botocore's `_parse_nested` uses.
const SPLITLINES_BREAKS: ReadonlySet<number> = new Set([
  0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029,
]);

function pythonSplitLines(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (!SPLITLINES_BREAKS.has(text.charCodeAt(index))) continue;
    parts.push(text.slice(start, index));
    if (text[index] === '\r' && text[index + 1] === '\n') index += 1;
    start = index + 1;
  }
  if (start < text.length) parts.push(text.slice(start));
  return parts;
}

const PY_TRAILING = new RegExp(`[${PY_SPACE}]+$`);

function failure(line: number, reason: string): { ok: false; line: number; reason: string } {
  return { ok: false, line, reason };
}

// @smithy/shared-ini-file-loader's patterns, copied as they are.
export const JS_COMMENT = /(^|\s)[;#]/;
const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const JS_SPACES: ReadonlySet<string> = new Set(['profile', 'sso-session', 'services']);

/** The trimmed, comment-stripped text the JavaScript SDK reads in a line. */
export function jsContent(line: string): string {
  if (!line.includes('#') && !line.includes(';')) return line.trim();
  return (line.split(JS_COMMENT)[0] ?? '').trim();
}

/**
 * The JavaScript SDK's key for a header line's content (`profile.dev`, `dev`), or undefined when it is a
 * header that drops its keys (an unknown prefix), or 'no header' when the line is no header at all.
 */
export function jsSectionKey(content: string): string | undefined | 'no header' {
  if (!(content.startsWith('[') && content.endsWith(']'))) return 'no header';
  const inner = content.slice(1, -1);
  const match = JS_PREFIXED.exec(inner);
  if (!match) return inner;
  const prefix = match[1] as string;
  return JS_SPACES.has(prefix) ? `${prefix}.${match[3] as string}` : undefined;
}

/** What the JavaScript SDK makes of one of its section keys in a file of that kind. */
export function jsSectionName(key: string, kind: AwsFileKind): SectionName | undefined {
  if (kind === 'credentials') return { space: 'profile', name: key };
  const dot = key.indexOf('.');
  const prefix = dot === -1 ? undefined : key.slice(0, dot);
  if (prefix !== undefined && JS_SPACES.has(prefix)) {
    return { space: prefix as 'profile' | 'sso-session' | 'services', name: key.slice(dot + 1) };
  }
  return key === 'default' ? { space: 'profile', name: 'default' } : undefined;
}

/** `parseIni` then `getConfigData` (config) or the sections as they are (credentials). */
export function readAsJsSdk(text: string, kind: AwsFileKind): ReadOutcome {
  const outcome = jsPass(text, kind, true);
  return outcome.ok ? { ok: true, reading: outcome.reading as Reading } : outcome;
}

/** `scanAsBotocore` for the JavaScript SDK: it refuses only `[__proto__]`; its sections merge by name. */
export function scanAsJsSdk(text: string, kind: AwsFileKind): ScanOutcome {
  // The AWS SDK clients' settings and the edit that follows scan the same config file.
  if (lastJsScan?.kind !== kind || lastJsScan.text !== text) {
    const plain = kind === 'config' ? scanPlainFileAsJsSdk(text) : undefined;
    lastJsScan = { text, kind, outcome: plain ?? scanAsJsSdkLineByLine(text, kind) };
  }
  return lastJsScan.outcome;
}

/** `scanAsJsSdk` by `readAsJsSdk`'s own loop, line by line, for any text. */
export function scanAsJsSdkLineByLine(text: string, kind: AwsFileKind): ScanOutcome {
  const outcome = jsPass(text, kind, false);
  return outcome.ok ? { ok: true, spans: outcome.spans } : outcome;
}

// A header both SDKs read as the same entity in a config file (`[profile dev]`), in a plain file.
const SHARED_HEADER = /^(?:profile|sso-session|services) [\w@+.%:/-]+$/;

/**
 * `scanAsJsSdk` for a config file that `scanPlainFileAsBotocore` reads: its lines that start with `[` are
 * the only ones the JavaScript SDK may take for headers, and botocore's headers; one it reads as botocore
 * does is botocore's span, any other is read again. Undefined for any other text, and for a header the
 * SDK refuses (left to `scanAsJsSdkLineByLine`, for its line).
 */
export function scanPlainFileAsJsSdk(text: string): ScanOutcome | undefined {
  const botocore = plainScan(text, 'config');
  if (botocore === undefined || !botocore.ok) return undefined;
  if (readAlike.has(botocore.spans)) return botocore;
  const headers: HeaderAt[] = [];
  let shared = 0;
  for (const span of botocore.spans) {
    if (SHARED_HEADER.test(span.header) && !isForbiddenToJs(span.header)) {
      headers.push(span);
      shared += 1;
      continue;
    }
    const header = jsHeader(jsContent(text.slice(span.start, text.indexOf('\n', span.start))), 'config');
    if (header === undefined) continue;
    if (isForbiddenToJs(header.inner)) return undefined;
    headers.push({ entity: header.entity, start: span.start, indented: false, header: header.inner });
  }
  return shared === botocore.spans.length ? botocore : { ok: true, spans: spansOf(headers, text.length) };
}

/** A line's content as the JavaScript SDK reads a header, or undefined for a line that is none. */
function jsHeader(
  content: string,
  kind: AwsFileKind,
): { key: string | undefined; inner: string; entity: string | undefined } | undefined {
  const key = jsSectionKey(content);
  if (key === 'no header') return undefined;
  const name = key === undefined ? undefined : jsSectionName(key, kind);
  return { key, inner: content.slice(1, -1), entity: name === undefined ? undefined : entityKey(name) };
}

function isForbiddenToJs(inner: string): boolean {
  return inner === '__proto__' || inner === 'profile __proto__';
}

let lastJsScan: { text: string; kind: AwsFileKind; outcome: ScanOutcome } | undefined;

// The end of a line before one that is not empty and does not start with printable ASCII other than `[`.
const MAYBE_HEADER_NEXT = /\n(?=[^\x21-\x5a\x5c-\x7e\n])/g;

/** The 1-based number of the line, split as the JavaScript SDK splits them, that starts at `offset`. */
function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

function jsPass(text: string, kind: AwsFileKind, materialize: boolean): PassOutcome {
  const map = new Map<string, Map<string, ReadValue>>();
  const lines = new Map<string, number>();
  const headers: HeaderAt[] = [];
  let current: string | undefined;
  let subSection: string | undefined;
  // `text.split(/\r?\n/)`: a lone \r stays in its line.
  let start = 0;
  let index = -1;
  while (start < text.length) {
    index += 1;
    let newline = text.indexOf('\n', start);
    if (newline === -1) newline = text.length;
    const crlf = newline < text.length && newline > start && text.charCodeAt(newline - 1) === 0x0d;
    const lineStart = start;
    start = newline + 1;
    const first = text.charCodeAt(lineStart);
    // A line that starts with anything printable but `[` is no header; a scan reads nothing else, and
    // goes on at the next line that may be one.
    if (!materialize && (lineStart === newline || (isPrintable(first) && first !== 0x5b))) {
      MAYBE_HEADER_NEXT.lastIndex = lineStart;
      const next = MAYBE_HEADER_NEXT.exec(text);
      start = next === null ? text.length : next.index + 1;
      continue;
    }
    const raw = text.slice(lineStart, crlf ? newline - 1 : newline);
    const content = jsContent(raw);
    const header = jsHeader(content, kind);
    if (header !== undefined) {
      current = header.key;
      subSection = undefined;
      if (isForbiddenToJs(header.inner)) {
        return failure(
          materialize ? index + 1 : lineNumberAt(text, lineStart),
          `the section name [${header.inner}] makes the AWS SDK for JavaScript read nothing`,
        );
      }
      if (materialize && current !== undefined && !lines.has(current)) lines.set(current, index + 1);
      headers.push({ entity: header.entity, start: lineStart, indented: false, header: header.inner });
      continue;
    }
    // `[]` names the section '', which the SDK takes for no section: it reads no key there.
    if (current === undefined || current === '' || !materialize) continue;
    const equals = content.indexOf('=');
    if (equals === -1 || equals === 0) continue;
    const name = content.slice(0, equals).trim();
    const value = content.slice(equals + 1).trim();
    if (value === '') {
      subSection = name;
      continue;
    }
    if (subSection && raw.trimStart() === raw) subSection = undefined;
    const stored = subSection ? `${subSection}.${name}` : name;
    const values = map.get(current) ?? new Map<string, ReadValue>();
    map.set(current, values);
    // Setting `__proto__` on a plain object stores nothing.
    if (stored !== '__proto__') values.set(stored, { value, line: index + 1 });
  }
  const spans = spansOf(headers, text.length);
  if (!materialize) return { ok: true, reading: undefined, spans };
  const entities = new Map<string, ReadSection>();
  const headerLines = new Map<string, number>();
  const entries = [...map];
  // getConfigData: `[default]` first, so that `[profile default]` replaces it whole.
  const ordered = kind === 'config' ? [...entries.filter(([k]) => k === 'default'), ...entries] : entries;
  for (const [key, values] of ordered) {
    const name = jsSectionName(key, kind);
    if (name === undefined) continue;
    if (kind === 'config' && key === 'default' && entities.has('profile default')) continue;
    const entity = entityKey(name);
    entities.set(entity, values);
    headerLines.set(entity, lines.get(key) ?? 0);
  }
  return { ok: true, reading: { entities, headerLines }, spans };
}

/**
 * The sections each entity's values come from, in file order: to botocore the last of its sections (a
 * later one replaces an earlier one whole) and every [DEFAULT] (under `defaults`), to the JavaScript SDK
 * all of them (it merges them key by key).
 */
export function sectionsByEntity(
  spans: readonly SectionSpan[],
  reader: 'botocore' | 'js',
): Map<string, SectionSpan[]> {
  const found = new Map<string, SectionSpan[]>();
  for (const span of spans) {
    if (span.entity === undefined) continue;
    const known = found.get(span.entity);
    if (known === undefined || (reader === 'botocore' && span.entity !== 'defaults')) {
      found.set(span.entity, [span]);
    } else known.push(span);
  }
  return found;
}

/**
 * The text of some sections of a file, in file order, which an SDK reads as it reads those sections in the
 * file; undefined when a header is indented (after another section's value, botocore may read it as part
 * of that value).
 */
export function excerpt(text: TextSlices, spans: readonly SectionSpan[]): string | undefined {
  const parts: string[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.indented) return undefined;
    const part = text.slice(span.start, span.end);
    parts.push(part.endsWith('\n') ? part : `${part}\n`);
  }
  return parts.join('');
}

/** A text, or what stands for one where only some of its slices are read (a string is one). */
export interface TextSlices {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** `slice(start, end)` of one text became `length` characters of the next; the rest is the same. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly length: number;
}

/** `after`'s sections, and the entities of those the changes may have reached (before or after them). */
export interface Rescan {
  readonly spans: readonly SectionSpan[];
  readonly reached: ReadonlySet<string>;
}

/**
 * The SDK's scan of `after`, which is `before` with `changes`, from its scan of `before` (which it reads):
 * only the sections around each change are scanned again, from the header at or before its start up to
 * the first header at or after its end. Every other section is the same text, which the SDK reads the
 * same way, because a header no value's lines run over (one at the start of its line) starts afresh:
 * botocore keeps nothing from one section to the next but the headers it has seen, which are checked
 * against each other here. Undefined when that does not hold (such a header is indented, or a [DEFAULT]
 * is among the changed sections), or when the SDK would refuse the changed sections: then only a scan of
 * the whole file can tell.
 */
export function rescanChanges(
  before: string,
  old: readonly SectionSpan[],
  after: TextSlices,
  changes: readonly TextChange[],
  kind: AwsFileKind,
  reader: 'botocore' | 'js',
): Rescan | undefined {
  const windows: Array<{ start: number; end: number; growth: number }> = [];
  for (const change of [...changes].sort((a, b) => a.start - b.start)) {
    // Text inserted where a section starts goes to the end of the section before it.
    const first = lastSpanAtOrBefore(old, change.start - (change.start === change.end ? 1 : 0));
    const next = old[lastSpanAtOrBefore(old, change.end - 1) + 1];
    if (old[first]?.indented || next?.indented) return undefined;
    const start = first === -1 ? 0 : (old[first] as SectionSpan).start;
    const end = next === undefined ? before.length : next.start;
    const growth = change.length - (change.end - change.start);
    const previous = windows.at(-1);
    if (previous !== undefined && start <= previous.end) {
      previous.end = Math.max(previous.end, end);
      previous.growth += growth;
    } else windows.push({ start, end, growth });
  }
  let spans: SectionSpan[] = [];
  const reached = new Set<string>();
  // Where the old sections the windows replace are in `old` (from, to), and the headers of the sections
  // scanned in their place.
  const windowed: Array<readonly [number, number]> = [];
  const scannedHeaders = new Set<string>();
  const pass = reader === 'botocore' ? botocorePass : jsPass;
  let shift = 0;
  let at = 0;
  // The old sections from `at` up to `end`, moved by what the windows before them grew: copied whole.
  const keepUpTo = (end: number): void => {
    const kept = old.slice(at, end);
    spans = spans.concat(shift === 0 ? kept : kept.map((span) => shifted(span, shift)));
    at = Math.max(at, end);
  };
  for (const window of windows) {
    keepUpTo(lastSpanAtOrBefore(old, window.start - 1) + 1);
    const replaced = at;
    for (; at < old.length && (old[at] as SectionSpan).start < window.end; at++) {
      const { entity } = old[at] as SectionSpan;
      if (entity !== undefined) reached.add(entity);
    }
    windowed.push([replaced, at]);
    const from = window.start + shift;
    const text = after.slice(from, window.end + shift + window.growth);
    const scanned = pass(text, kind, false);
    if (!scanned.ok) return undefined;
    // Lines before the first header belong to the section before the window: only blank lines and
    // comments, which neither SDK reads into it, may be there; and an indented first header may be
    // part of a value there to botocore.
    const lead = text.slice(0, scanned.spans[0]?.start ?? text.length);
    if (from > 0 && (!BLANK_OR_COMMENTS.test(lead) || scanned.spans[0]?.indented)) return undefined;
    const previous = spans.at(-1);
    if (lead !== '' && previous !== undefined) {
      spans[spans.length - 1] = { ...previous, end: previous.end + lead.length };
      if (previous.entity !== undefined) reached.add(previous.entity);
    }
    for (const span of scanned.spans) {
      spans.push(shifted(span, from));
      if (span.entity !== undefined) reached.add(span.entity);
      if (reader !== 'botocore' || span.entity === 'defaults') continue;
      // botocore refuses a header it has seen before ([DEFAULT] aside).
      if (scannedHeaders.has(span.header)) return undefined;
      scannedHeaders.add(span.header);
    }
    shift += window.growth;
  }
  keepUpTo(old.length);
  // botocore reads every [DEFAULT] into one section, whose keys it checks across them.
  if (reached.has('defaults')) return undefined;
  if (reader === 'botocore' && scannedHeaders.size > 0) {
    // `old` has no header twice (botocore reads `before`): only one the windows scanned may be there again.
    const again = indexesOfEntities(old, scannedHeaders);
    if (again !== undefined) {
      // Each header its own entity.
      const outside = again.some((index) => !windowed.some(([from, to]) => index >= from && index < to));
      return outside ? undefined : { spans, reached };
    }
    let index = 0;
    for (const [from, to] of [...windowed, [old.length, old.length] as const]) {
      for (; index < from; index++) {
        const { entity, header } = old[index] as SectionSpan;
        if (entity !== 'defaults' && scannedHeaders.has(header)) return undefined;
      }
      index = to;
    }
  }
  return { spans, reached };
}

// Lines of nothing but spaces and tabs, maybe then a comment, each ended by \n or \r\n (a lone \r ends a
// line to botocore only).
const BLANK_OR_COMMENTS = /^(?:[ \t]*(?:[#;][^\r\n]*)?(?:\r?\n|$))*$/;

/** The index of the last span that starts at or before `offset`, or -1. */
function lastSpanAtOrBefore(spans: readonly SectionSpan[], offset: number): number {
  let low = -1;
  let high = spans.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((spans[middle] as SectionSpan).start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function shifted(span: SectionSpan, by: number): SectionSpan {
  return by === 0 ? span : { ...span, start: span.start + by, end: span.end + by };
}
