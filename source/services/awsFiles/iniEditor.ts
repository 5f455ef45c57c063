import { InvalidProfileNameError, MalformedFileError, UnwritableValueError } from './awsFileErrors.js';
import { BYTE_ORDER_MARK, joinLines, splitLines } from './iniLines.js';
import type { IniLine } from './iniLines.js';
import { COMMENT_START, identifyHeader, parseIni } from './iniParser.js';
import type { IniDocument, IniEntry, IniSection } from './iniParser.js';

export type IniValues = ReadonlyArray<readonly [string, string]>;

/**
 * One change to one section of a file, for `editSections`: write `values` into `[header]` (dropping
 * `removeKeys`), or remove the section.
 */
export type SectionEdit =
  | {
      readonly header: string;
      readonly values: IniValues;
      readonly removeKeys?: readonly string[];
    }
  | { readonly header: string; readonly remove: true };

/**
 * Applies several section edits to one file's text, in order, as one change: used inside one
 * `updateFile`, they make one locked, atomic, backed-up write. Each edit obeys the rules of
 * `upsertSection` and `removeSection`; if any is refused, the whole change is.
 */
export function editSections(text: string, edits: ReadonlyArray<SectionEdit>): string {
  let result = text;
  for (const edit of edits) {
    result =
      'remove' in edit
        ? removeSection(result, edit.header)
        : upsertSection(
            result,
            { header: edit.header, ...(edit.removeKeys ? { removeKeys: edit.removeKeys } : {}) },
            edit.values,
          );
  }
  return result;
}

/**
 * Writes `values` into the section `[header]` and leaves every other byte of the file as it was.
 *
 * An existing section keeps its place, its comments and the keys not being written (but for `removeKeys`,
 * which are dropped); a written key is
 * replaced where it stands (left untouched if it already holds that value) or added after the section's
 * last key. An absent section is appended at the end. A section with a line that cannot be read with
 * certainty is refused with `MalformedFileError`; problems in other sections do not stop the edit.
 */
export function upsertSection(
  text: string,
  target: { header: string; removeKeys?: readonly string[] },
  values: IniValues,
): string {
  const header = checkHeader(target.header);
  checkValues(values);
  const { bom, body } = splitByteOrderMark(text);
  const lines = splitLines(body);
  const document = parseIni(body);
  // A header written twice: the JavaScript SDK merges the sections key by key, the later value winning
  // (botocore refuses the file), so the last section is the one whose values take effect. Edit that one.
  const section = sectionsWithHeader(document, header).at(-1);
  if (!section) return bom + appendSection(lines, document.newline, header, values);
  assertReadable(document, section, header);
  const removed = new Set(target.removeKeys ?? []);
  return bom + joinLines(rewriteSection(lines, document.newline, section, header, values, removed));
}

/** Removes every `[header]` section: its header through its last key (comments after it stay). */
export function removeSection(text: string, header: string): string {
  const wanted = checkHeader(header);
  const { bom, body } = splitByteOrderMark(text);
  const document = parseIni(body);
  const sections = sectionsWithHeader(document, wanted);
  for (const section of sections) assertReadable(document, section, wanted);
  const lines = splitLines(body);
  for (const section of [...sections].reverse()) {
    lines.splice(section.headerLine - 1, lastKeyLine(section) - section.headerLine + 1);
  }
  return bom + joinLines(lines);
}

export function hasSection(text: string, header: string): boolean {
  return sectionsWithHeader(parseIni(text), checkHeader(header)).length > 0;
}

function rewriteSection(
  lines: ReadonlyArray<IniLine>,
  newline: '\n' | '\r\n',
  section: IniSection,
  header: string,
  values: IniValues,
  removed: ReadonlySet<string>,
): IniLine[] {
  const pending = new Map(values);
  const entryAt = new Map(section.entries.map((entry) => [entry.line, entry]));
  const end = lastKeyLine(section);
  const output = lines.slice(0, section.headerLine - 1);

  const headerLine = lineAt(lines, section.headerLine);
  // A header the JavaScript SDK would not read as this section (extra white space, quotes) is rewritten.
  const readsAsIs = readableContent(headerLine.content) === `[${header}]`;
  output.push(readsAsIs ? headerLine : { content: `[${header}]`, eol: headerLine.eol });

  let line = section.headerLine + 1;
  while (line <= end) {
    const entry = entryAt.get(line);
    if (entry !== undefined && removed.has(entry.key) && !pending.has(entry.key)) {
      line = lastLineOf(entry) + 1;
      continue;
    }
    const value = entry === undefined ? undefined : pending.get(entry.key);
    if (entry === undefined || value === undefined) {
      output.push(lineAt(lines, line));
      line += 1;
      continue;
    }
    pending.delete(entry.key);
    const blockEnd = lastLineOf(entry);
    if (blockEnd === entry.line && entry.value === value) output.push(lineAt(lines, line));
    else output.push({ content: `${entry.key} = ${value}`, eol: lineAt(lines, blockEnd).eol });
    line = blockEnd + 1;
  }

  const added = [...pending].map(([key, value]) => `${key} = ${value}`);
  const lastKept = output.at(-1);
  // A section that ended the file without a final newline still does, after the added keys.
  const endsFileWithoutNewline = added.length > 0 && lastKept !== undefined && lastKept.eol === '';
  if (endsFileWithoutNewline) output[output.length - 1] = { content: lastKept.content, eol: newline };
  output.push(
    ...added.map((content, index): IniLine => {
      const last = index === added.length - 1;
      return { content, eol: endsFileWithoutNewline && last ? '' : newline };
    }),
  );
  // Not push(...rest): spreading the tens of thousands of lines after an early section overflows the stack.
  return output.concat(lines.slice(end));
}

function appendSection(
  lines: ReadonlyArray<IniLine>,
  newline: '\n' | '\r\n',
  header: string,
  values: IniValues,
): string {
  const last = lines.at(-1);
  let prefix = joinLines(lines);
  if (last !== undefined && last.eol === '') prefix += newline;
  if (last !== undefined && last.content.trim() !== '') prefix += newline;
  const block = [`[${header}]`, ...values.map(([key, value]) => `${key} = ${value}`)];
  return prefix + block.map((content) => content + newline).join('');
}

function sectionsWithHeader(document: IniDocument, header: string): IniSection[] {
  return document.sections.filter((section) => identifyHeader(section.rawHeader).canonical === header);
}

function assertReadable(document: IniDocument, section: IniSection, header: string): void {
  const problems = document.problems.filter(
    (problem) => problem.line >= section.headerLine && problem.line <= section.endLine,
  );
  if (problems.length > 0) throw new MalformedFileError(header, problems);
}

function lastKeyLine(section: IniSection): number {
  return Math.max(section.headerLine, ...section.entries.map(lastLineOf));
}

function lastLineOf(entry: IniEntry): number {
  return Math.max(entry.line, ...(entry.subEntries ?? []).map((subEntry) => subEntry.line));
}

function lineAt(lines: ReadonlyArray<IniLine>, line: number): IniLine {
  const found = lines[line - 1];
  if (found === undefined) throw new RangeError(`line ${line} is outside the file`);
  return found;
}

function readableContent(content: string): string {
  return (content.split(COMMENT_START)[0] ?? '').trim();
}

function splitByteOrderMark(text: string): { bom: string; body: string } {
  return text.startsWith(BYTE_ORDER_MARK)
    ? { bom: BYTE_ORDER_MARK, body: text.slice(1) }
    : { bom: '', body: text };
}

function checkHeader(header: string): string {
  const identity = identifyHeader(header);
  const readable =
    header !== '' &&
    identity.canonical === header &&
    // The JavaScript SDK ignores a plain section whose name has white space.
    !(identity.kind === 'plain' && /\s/.test(header)) &&
    !/[[\]#;\p{Cc}]/u.test(header) &&
    header !== '__proto__' &&
    !(identity.kind !== 'plain' && identity.name === '__proto__');
  if (!readable)
    throw new InvalidProfileNameError(`[${header}] is not a section header the AWS SDKs read back.`);
  return header;
}

const KEY = /^[A-Za-z0-9_-]+$/;

function checkValues(values: IniValues): void {
  const seen = new Set<string>();
  for (const [key, value] of values) {
    if (!KEY.test(key)) throw new UnwritableValueError(`"${key}" is not a key sso-tui writes to AWS files.`);
    if (seen.has(key)) throw new UnwritableValueError(`The key ${key} is given twice.`);
    seen.add(key);
    // Values are never quoted in these messages: they may be secrets.
    if (value === '' || value !== value.trim()) {
      throw new UnwritableValueError(`The value for ${key} is empty or starts or ends with white space.`);
    }
    if (/[\r\n]/.test(value)) throw new UnwritableValueError(`The value for ${key} spans several lines.`);
    if (COMMENT_START.test(value)) {
      throw new UnwritableValueError(
        `The value for ${key} has "#" or ";" after white space, which the AWS SDKs read as a comment.`,
      );
    }
  }
}
