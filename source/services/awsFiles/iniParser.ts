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
  readonly entries: ReadonlyArray<IniEntry>;
}

export interface IniProblem {
  /** 1-based. */
  readonly line: number;
  /** Never quotes the line itself: it may hold a secret. */
  readonly message: string;
}

export interface IniDocument {
  readonly sections: ReadonlyArray<IniSection>;
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

interface SectionDraft {
  rawHeader: string;
  identity: HeaderIdentity;
  headerLine: number;
  endLine: number;
  entries: IniEntry[];
}

interface ParentDraft {
  readonly subEntries: IniSubEntry[];
}

// A command reads the config file for its session, then again under the lock to edit it: parsed once.
let lastParse: { text: string; document: IniDocument } | undefined;

/** Parses the text of an AWS config or credentials file. Never throws: what it cannot read is a problem. */
export function parseIni(text: string): IniDocument {
  if (lastParse?.text !== text) lastParse = { text, document: parseNow(text) };
  return lastParse.document;
}

function parseNow(text: string): IniDocument {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const sections: SectionDraft[] = [];
  const problems: IniProblem[] = [];
  let current: SectionDraft | undefined;
  // The key with an empty value whose indented lines are sub-keys, as the SDKs read `s3 =` blocks.
  let parent: ParentDraft | undefined;

  // splitLines, without an object per line: a file may have a hundred thousand of them.
  let start = 0;
  let line = 0;
  let crlf = 0;
  let lf = 0;
  while (start < body.length) {
    line += 1;
    let end = body.indexOf('\n', start);
    const last = end === -1;
    if (last) end = body.length;
    const returned = !last && end > start && body.charCodeAt(end - 1) === 0x0d;
    if (returned) crlf += 1;
    else if (!last) lf += 1;
    const content = body.slice(start, returned ? end - 1 : end);
    start = end + 1;
    readLine(content, line);
  }
  function readLine(content: string, line: number): void {
    const effective =
      content.includes('#') || content.includes(';')
        ? (content.split(COMMENT_START)[0] ?? '').trim()
        : content.trim();
    if (effective === '') return;

    // `[unclosed = 1` is a key to both SDKs (botocore finds no `]`, the JavaScript SDK no header).
    if (effective.startsWith('[') && !(effective.includes('=') && !effective.includes(']'))) {
      if (!effective.endsWith(']')) {
        problems.push({ line, message: 'a section header without a closing "]"' });
        return;
      }
      if (current) current.endLine = line - 1;
      const rawHeader = effective.slice(1, -1).trim();
      current = {
        rawHeader,
        identity: identifyHeader(rawHeader),
        headerLine: line,
        endLine: line,
        entries: [],
      };
      sections.push(current);
      parent = undefined;
      if (rawHeader === '') problems.push({ line, message: 'a section header with no name' });
      if (FORBIDDEN_HEADERS.has(current.identity.canonical)) {
        problems.push({
          line,
          message: `the section name [${rawHeader}] is not allowed (the AWS SDK for JavaScript then reads nothing from the file)`,
        });
      }
      return;
    }

    if (!current) {
      problems.push({ line, message: 'text before the first section header' });
      return;
    }
    const equals = effective.indexOf('=');
    if (equals === -1) {
      problems.push({ line, message: 'a line with text but no "="' });
      return;
    }
    if (equals === 0) {
      problems.push({ line, message: 'a value with no key before "="' });
      return;
    }
    const key = effective.slice(0, equals).trim();
    const value = effective.slice(equals + 1).trim();
    const first = content.charCodeAt(0);
    const indented = !(first > 0x20 && first < 0x7f) && content.trimStart() !== content;

    if (value !== '' && parent && indented) {
      // A sub-key written twice is no problem: both SDKs take the later one.
      parent.subEntries.push({ key, value, line });
      return;
    }
    for (const earlier of current.entries) {
      if (earlier.key === key) {
        problems.push({ line, message: duplicateKey(earlier.line) });
        break;
      }
    }
    if (value === '') {
      const subEntries: IniSubEntry[] = [];
      current.entries.push({ key, value, line, subEntries });
      parent = { subEntries };
    } else {
      current.entries.push({ key, value, line });
      parent = undefined;
    }
  }
  if (current) current.endLine = line;

  return {
    sections: sections.map(({ rawHeader, identity, headerLine, endLine, entries }) => ({
      rawHeader,
      kind: identity.kind,
      name: identity.name,
      headerLine,
      endLine,
      entries,
    })),
    problems,
    newline: crlf > lf ? '\r\n' : '\n',
  };
}

// The key is not named: a secret pasted on a line of its own, ending in `=`, would read as a key.
function duplicateKey(firstLine: number): string {
  return `a key that already appears on line ${firstLine} (botocore refuses such a file)`;
}
