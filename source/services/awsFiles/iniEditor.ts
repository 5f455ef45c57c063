import { InvalidProfileNameError, RefusedEditError, UnwritableValueError } from './awsFileErrors.js';
import { ChangedText, type Replacement } from './changedText.js';
import { BYTE_ORDER_MARK, lineTable, type LineTable } from './iniLines.js';
import {
  botocoreHeader,
  botocoreOption,
  botocoreSectionName,
  entityKey,
  isBotocoreComment,
  JS_COMMENT,
  jsContent,
  jsSectionKey,
  jsSectionName,
  pythonIndent,
  excerpt,
  headersReadAlike,
  indexesOfEntities,
  readAsBotocore,
  readAsJsSdk,
  rescanChanges,
  scanAsBotocore,
  scanAsJsSdk,
  sectionsByEntity,
  type AwsFileKind,
  type ScanOutcome,
  type SectionSpan,
  type ReadOutcome,
  type ReadSection,
  type ReadValue,
  type TextSlices,
} from './sdkReadings.js';

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
 * Applies section edits to one file's text in one pass, as one change: inside one `updateFile` they make
 * one locked, atomic, backed-up write.
 *
 * A section is found as the SDKs find it: `[profile "dev"]` and `[profiles dev]` are profile dev to
 * botocore, `[dev]#old` is `[dev]` to botocore, `[ dev ]` is " dev " to both. Values go into the section
 * each SDK takes the profile from (both, when they take it from different ones), replacing a key of any
 * case where it stands; the other keys and every other byte stay. Then the result is judged as botocore and
 * the AWS SDK for JavaScript read it: each target must read as written and every other section as before,
 * in each SDK. An edit that fails that is refused (`RefusedEditError`, with the line and the reason).
 */
export function editSections(
  text: string,
  edits: ReadonlyArray<SectionEdit>,
  kind: AwsFileKind = fileKindOf(edits),
): string {
  return changeSections(text, edits, kind).toString();
}

/** `editSections`, the new text kept as the text and its replacements (see `ChangedText`). */
export function changeSections(
  text: string,
  edits: ReadonlyArray<SectionEdit>,
  kind: AwsFileKind = fileKindOf(edits),
): ChangedText {
  if (edits.length === 0) return new ChangedText(text, []);
  const checked = edits.map((edit) => ({ ...edit, header: checkHeader(edit.header, kind) }));
  for (const edit of checked) if (!('remove' in edit)) checkValues(edit.values);
  const { bom, body } = splitByteOrderMark(text);
  const layout = layOut(body, kind);
  const targets = checked.map((edit) => target(edit, kind));
  const seen = new Set<string>();
  for (const { entity } of targets) {
    if (seen.has(entity)) throw new UnwritableValueError(`The section [${entity}] is edited twice.`);
    seen.add(entity);
  }
  const attempt = (placement: Placement): { text: ChangedText; refusal?: RefusedEditError } => {
    const replacements = rewrite(body, layout, targets, placement).map((replacement) => ({
      ...replacement,
      start: replacement.start + bom.length,
      end: replacement.end + bom.length,
    }));
    const after = new ChangedText(text, replacements);
    return { text: after, refusal: judgeEdit(text, after, kind, targets, layout) };
  };
  const first = attempt('after-last-key');
  if (!first.refusal) return first.text;
  const second = attempt('after-header');
  if (!second.refusal) return second.text;
  throw first.refusal;
}

/** `editSections` for one section: write `values` into `[header]`, dropping `removeKeys`. */
export function upsertSection(
  text: string,
  target: { header: string; removeKeys?: readonly string[] },
  values: IniValues,
  kind?: AwsFileKind,
): string {
  const edit = {
    header: target.header,
    values,
    ...(target.removeKeys ? { removeKeys: target.removeKeys } : {}),
  };
  return editSections(text, [edit], kind ?? fileKindOf([edit]));
}

/** `upsertSection`, the new text kept as the text and its replacements (see `ChangedText`). */
export function changeSection(
  text: string,
  target: { header: string; removeKeys?: readonly string[] },
  values: IniValues,
  kind?: AwsFileKind,
): ChangedText {
  const edit = {
    header: target.header,
    values,
    ...(target.removeKeys ? { removeKeys: target.removeKeys } : {}),
  };
  return changeSections(text, [edit], kind ?? fileKindOf([edit]));
}

/** Whether botocore or the AWS SDK for JavaScript reads a section of the file as `[header]`. */
export function hasSection(text: string, header: string, kind?: AwsFileKind): boolean {
  const fileKind = kind ?? fileKindOf([{ header, remove: true }]);
  const wanted = entityKey(headerName(checkHeader(header, fileKind), fileKind));
  const { body } = splitByteOrderMark(text);
  return layOut(body, fileKind).sectionsReadAs(new Set([wanted])).length > 0;
}

// `[profile x]` and `[sso-session x]` only live in the config file; a plain header is a credentials
// profile unless the caller says it is the config file's `[default]`.
function fileKindOf(edits: ReadonlyArray<SectionEdit>): AwsFileKind {
  return edits.some((edit) => /^(profile|sso-session) /.test(edit.header)) ? 'config' : 'credentials';
}

type Placement = 'after-last-key' | 'after-header';

interface Entry {
  /** 0-based index of the key's line. */
  readonly line: number;
  /** 0-based index of the last line of its value (continuation lines and sub-keys included). */
  readonly end: number;
  /** What botocore calls it (lower-cased) and what the JavaScript SDK calls it, lower-cased too. */
  readonly keys: readonly string[];
  /** The key as the line spells it (for the JavaScript SDK, which does not lower-case). */
  readonly spelled: string | undefined;
  readonly indent: string;
}

interface Section {
  /** 0-based index of the header line. */
  readonly header: number;
  /** 0-based index of its last line: the one before the next header, or the last of the file. */
  readonly last: number;
  /** The entities botocore and the JavaScript SDK read this header as (`profile dev`…). */
  readonly entities: readonly string[];
  readonly botocoreEntity: string;
  readonly jsEntity: string | undefined;
}

interface Layout {
  readonly lines: LineTable;
  /** The sections either SDK reads as one of `entities`, in file order. */
  sectionsReadAs(entities: ReadonlySet<string>): Section[];
  /** A section's keys as botocore finds them, read when an edit needs them. */
  entriesOf(section: Section): readonly Entry[];
}

// `export` asks whether the profile exists, then edits: one layout of the same text serves both.
let lastLayout: { body: string; kind: AwsFileKind; layout: Layout } | undefined;

function layOut(body: string, kind: AwsFileKind): Layout {
  if (lastLayout?.kind !== kind || lastLayout.body !== body) {
    const lines = lineTable(body);
    lastLayout = { body, kind, layout: layOutFromScan(lines, kind) ?? layOutNow(lines, kind) };
  }
  return lastLayout.layout;
}

// Where botocore's lines are not the editor's (a lone \r ends a line in Python), or Python's `strip` is
// not JavaScript's `trim` (U+001C–U+001F and U+0085 are white space to one, U+FEFF to the other).
const PYTHON_ONLY_SPACE = '\\x1c-\\x1f\\x85';
const UNEVEN_LINES = new RegExp(`[${PYTHON_ONLY_SPACE}\\ufeff]|\\r(?!\\n)`);

/**
 * The layout from botocore's scan of the file, which finds the same headers as `layOutNow` where lines and
 * white space are the same to both: the judgement of the edit scans the file anyway, and only the
 * sections the edit touches need their keys. Undefined where that does not hold, or botocore refuses the
 * file (its scan then stops early).
 */
function layOutFromScan(lines: LineTable, kind: AwsFileKind): Layout | undefined {
  if (UNEVEN_LINES.test(lines.text)) return undefined;
  const scanned = scanAsBotocore(lines.text, kind);
  if (!scanned.ok) return undefined;
  const { text } = lines;
  const { spans } = scanned;
  // The JavaScript SDK reads `[profile NAME]` as the same entity: 1 for such a span, 2 for another.
  let alike: Uint8Array | undefined;
  // A plain scan may know that already of every span.
  const allAlike = headersReadAlike(spans);
  const readAlike = (index: number): boolean => {
    if (allAlike) return true;
    alike ??= Uint8Array.from(spans, (span) =>
      kind === 'config' && span.entity !== undefined && isPlainHeaderLine(text, span.start, span.header)
        ? 1
        : 2,
    );
    return alike[index] === 1;
  };
  // A file of 10,000 profiles has 10,000 sections, and an edit looks at a few: each is made when first
  // asked for.
  const made = new Map<number, Section>();
  const sectionOf = (index: number): Section => {
    let section = made.get(index);
    if (section === undefined) {
      const span = spans[index] as SectionSpan;
      const header = lines.lineAt(span.start);
      const last = lines.lineAt(span.end - 1);
      section =
        span.entity !== undefined && readAlike(index)
          ? {
              header,
              last,
              entities: [span.entity, span.entity],
              botocoreEntity: span.entity,
              jsEntity: span.entity,
            }
          : sectionAt(
              lines,
              header,
              last,
              span.entity ?? entityKey(botocoreSectionName(span.header, kind)),
              kind,
            );
      made.set(index, section);
    }
    return section;
  };
  const read = new Map<Section, readonly Entry[]>();
  return {
    lines,
    sectionsReadAs: (entities) => {
      const indexes = indexesOfEntities(spans, entities);
      if (indexes !== undefined) return indexes.map(sectionOf);
      const found: Section[] = [];
      spans.forEach((span, index) => {
        if (readAlike(index)) {
          if (entities.has(span.entity as string)) found.push(sectionOf(index));
          return;
        }
        const section = sectionOf(index);
        if (section.entities.some((entity) => entities.has(entity))) found.push(section);
      });
      return found;
    },
    entriesOf: (section) => {
      let entries = read.get(section);
      if (entries === undefined) {
        entries = walk(lines, section.header, section.last, kind)[0]?.entries ?? [];
        read.set(section, entries);
      }
      return entries;
    },
  };
}

const PLAIN_HEADER = /^(?:profile|sso-session|services) [\w@+.%:/-]+$/;

/** Whether the line at `start` is `[header]` alone, with a header of a prefix and one plain name. */
function isPlainHeaderLine(text: string, start: number, header: string): boolean {
  const close = start + header.length + 1;
  const after = text.charCodeAt(close + 1);
  return (
    text.charCodeAt(start) === 0x5b &&
    text.charCodeAt(close) === 0x5d &&
    (Number.isNaN(after) || after === 0x0a || (after === 0x0d && text.charCodeAt(close + 2) === 0x0a)) &&
    text.startsWith(header, start + 1) &&
    PLAIN_HEADER.test(header)
  );
}

/** The sections of the file as botocore finds them (its headers, its continuation lines), in one pass. */
function layOutNow(lines: LineTable, kind: AwsFileKind): Layout {
  const walked = walk(lines, 0, lines.count - 1, kind);
  const entries = new Map(walked.map(({ section, entries: found }) => [section, found]));
  const sections = walked.map(({ section }) => section);
  return {
    lines,
    sectionsReadAs: (wanted) =>
      sections.filter((section) => section.entities.some((entity) => wanted.has(entity))),
    entriesOf: (section) => entries.get(section) ?? [],
  };
}

function sectionAt(
  lines: LineTable,
  header: number,
  last: number,
  botocoreEntity: string,
  kind: AwsFileKind,
): Section {
  const jsKey = jsSectionKey(jsContent(lines.line(header).content));
  const jsName = jsKey === undefined || jsKey === 'no header' ? undefined : jsSectionName(jsKey, kind);
  const jsEntity = jsName === undefined ? undefined : entityKey(jsName);
  const entities = jsEntity === undefined ? [botocoreEntity] : [botocoreEntity, jsEntity];
  return { header, last, entities, botocoreEntity, jsEntity };
}

/** Lines `from` to `to` as botocore reads them: the sections whose headers it finds there, and their keys. */
function walk(
  lines: LineTable,
  from: number,
  to: number,
  kind: AwsFileKind,
): Array<{ section: Section; entries: Entry[] }> {
  const found: Array<{ header: number; botocoreEntity: string; entries: Entry[] }> = [];
  let current: (typeof found)[number] | undefined;
  let entry:
    { line: number; end: number; keys: string[]; spelled: string | undefined; indent: string } | undefined;
  let indentLevel = 0;
  const close = (): void => {
    if (entry && current) current.entries.push(entry);
    entry = undefined;
  };
  for (let index = from; index <= to; index++) {
    const content = lines.line(index).content;
    const stripped = content.trim();
    if (stripped === '' || isBotocoreComment(content)) continue;
    const indent = pythonIndent(content);
    if (entry && indent > indentLevel) {
      entry.end = index;
      continue;
    }
    indentLevel = indent;
    close();
    const header = botocoreHeader(stripped);
    if (header !== undefined) {
      current = { header: index, botocoreEntity: entityKey(botocoreSectionName(header, kind)), entries: [] };
      found.push(current);
      continue;
    }
    const option = botocoreOption(stripped);
    if (!current || !option) continue;
    const keys = [option.key];
    const js = jsContent(content);
    const equals = js.indexOf('=');
    const spelled = equals > 0 ? js.slice(0, equals).trim() : undefined;
    const lower = spelled?.toLowerCase();
    if (lower !== undefined && lower !== option.key) keys.push(lower);
    entry = { line: index, end: index, keys, spelled, indent: content.slice(0, indent) };
  }
  close();
  return found.map(({ header, botocoreEntity, entries }, index) => ({
    section: sectionAt(lines, header, (found[index + 1]?.header ?? to + 1) - 1, botocoreEntity, kind),
    entries,
  }));
}

interface Target {
  readonly header: string;
  readonly entity: string;
  readonly values?: IniValues;
  /** Lower-cased: the written keys and the keys to drop, in any case. */
  readonly replaced: ReadonlySet<string>;
  /** Lower-cased: the keys to drop only. */
  readonly removed: ReadonlySet<string>;
  readonly remove: boolean;
}

function target(edit: SectionEdit, kind: AwsFileKind): Target {
  const entity = entityKey(headerName(edit.header, kind));
  if ('remove' in edit) {
    return { header: edit.header, entity, replaced: new Set(), removed: new Set(), remove: true };
  }
  const replaced = new Set([...edit.values.map(([key]) => key), ...(edit.removeKeys ?? [])]);
  return {
    header: edit.header,
    entity,
    values: edit.values,
    replaced: new Set([...replaced].map((key) => key.toLowerCase())),
    removed: new Set((edit.removeKeys ?? []).map((key) => key.toLowerCase())),
    remove: false,
  };
}

function headerName(header: string, kind: AwsFileKind): ReturnType<typeof botocoreSectionName> {
  return botocoreSectionName(header, kind);
}

/**
 * The sections each SDK takes an entity's values from, among `candidates`: the last of its headers
 * (botocore) or all (JS).
 */
function sectionsOf(
  layout: Layout,
  candidates: readonly Section[],
  entity: string,
): { botocore?: Section; js?: Section; all: Section[] } {
  const all = candidates.filter((section) => section.entities.includes(entity));
  const botocore = all.filter((section) => section.botocoreEntity === entity).at(-1);
  const jsAll = all.filter((section) => section.jsEntity === entity);
  // getConfigData: `[profile default]` replaces `[default]` whole.
  const preferred = jsAll.filter(
    (section) => section.jsEntity === entity && !isPlainDefault(layout, section),
  );
  const js = (preferred.length > 0 && entity === 'profile default' ? preferred : jsAll).at(-1);
  return { ...(botocore ? { botocore } : {}), ...(js ? { js } : {}), all };
}

function isPlainDefault(layout: Layout, section: Section): boolean {
  return jsContent(layout.lines.line(section.header).content) === '[default]';
}

/** The replacements each target asks for, in one pass over the lines they touch. */
function rewrite(
  body: string,
  layout: Layout,
  targets: readonly Target[],
  placement: Placement,
): Replacement[] {
  const { lines } = layout;
  const { newline } = lines;
  const replaced = new Map<number, string>();
  const dropped = new Set<number>();
  const insertedAfter = new Map<number, string[]>();
  const appended: string[][] = [];
  const dropRange = (from: number, to: number): void => {
    for (let line = from; line <= to; line++) dropped.add(line);
  };
  // The sections of the entities edited, in file order.
  const index = new Map<string, Section[]>(targets.map((change) => [change.entity, []]));
  for (const section of layout.sectionsReadAs(new Set(index.keys()))) {
    section.entities.forEach((entity, at) => {
      if (at === 0 || entity !== section.entities[0]) index.get(entity)?.push(section);
    });
  }
  const cached = (entity: string): ReturnType<typeof sectionsOf> =>
    sectionsOf(layout, index.get(entity) ?? [], entity);

  for (const change of targets) {
    const found = cached(change.entity);
    if (change.remove) {
      for (const section of found.all) dropRange(section.header, lastLine(layout, section));
      continue;
    }
    const values = change.values ?? [];
    const writeInto = [...new Set([found.botocore ?? found.js, found.js ?? found.botocore])].filter(
      (section): section is Section => section !== undefined,
    );
    if (writeInto.length === 0) {
      appended.push([`[${change.header}]`, ...values.map(([key, value]) => `${key} = ${value}`)]);
      continue;
    }
    // Sections the SDKs take no value from, or only values the written ones override (the JavaScript SDK
    // merges a header written twice): only keys to drop go, and written keys spelled in another case.
    const written = new Set(values.map(([key]) => key));
    for (const section of found.all) {
      if (writeInto.includes(section)) continue;
      for (const entry of layout.entriesOf(section)) {
        const otherCase =
          entry.spelled !== undefined &&
          !written.has(entry.spelled) &&
          change.replaced.has(entry.spelled.toLowerCase());
        if (intersects(entry.keys, change.removed) || otherCase) dropRange(entry.line, entry.end);
      }
    }
    for (const section of writeInto) {
      if (!section.entities.every((entity) => entity === change.entity) || section.jsEntity === undefined) {
        replaced.set(section.header, `[${change.header}]`);
      }
      const pending = new Map(values);
      for (const entry of layout.entriesOf(section)) {
        if (!intersects(entry.keys, change.replaced)) continue;
        const key = entry.keys.find((name) => pending.has(name));
        const value = key === undefined ? undefined : pending.get(key);
        if (key === undefined || value === undefined) {
          dropRange(entry.line, entry.end);
          continue;
        }
        pending.delete(key);
        const content = lines.line(entry.line).content;
        const keepsLine = entry.end === entry.line && readsAs(content, key, value);
        if (!keepsLine) {
          replaced.set(entry.line, `${entry.indent}${key} = ${value}`);
          dropRange(entry.line + 1, entry.end);
        }
      }
      if (pending.size === 0) continue;
      const last = layout.entriesOf(section).at(-1);
      const afterHeader = placement === 'after-header' || last === undefined;
      const at = afterHeader ? section.header : last.end;
      const indent = afterHeader ? indentOfNextContent(lines, section.header) : last.indent;
      const added = [...pending].map(([key, value]) => `${indent}${key} = ${value}`);
      insertedAfter.set(at, [...(insertedAfter.get(at) ?? []), ...added]);
    }
  }

  // Lines no change touches stay; each run of touched lines is one replacement.
  const touched = [...new Set([...replaced.keys(), ...dropped, ...insertedAfter.keys()])].sort(
    (x, y) => x - y,
  );
  const replacements: Replacement[] = [];
  let run: { start: number; parts: string[] } | undefined;
  let runEnd = -1;
  const closeRun = (): void => {
    if (run !== undefined) {
      replacements.push({ start: run.start, end: lines.start(runEnd + 1), text: run.parts.join('') });
    }
  };
  for (const line of touched) {
    if (run === undefined || line !== runEnd + 1) {
      closeRun();
      run = { start: lines.start(line), parts: [] };
    }
    runEnd = line;
    const { parts } = run;
    const { content, eol } = lines.line(line);
    const inserted = insertedAfter.get(line);
    if (!dropped.has(line)) {
      parts.push(replaced.get(line) ?? content);
      if (eol !== '' || inserted !== undefined) parts.push(eol === '' ? newline : eol);
    }
    inserted?.forEach((added, at) => {
      parts.push(added);
      // A section that ended the file without a final newline still does, after the added keys.
      if (!(eol === '' && at === inserted.length - 1)) parts.push(newline);
    });
  }
  closeRun();
  if (appended.length > 0) {
    const edited = new ChangedText(body, replacements);
    const lastLineText = lines.count > 0 ? lines.line(lines.count - 1) : undefined;
    let added = '';
    if (edited.length > 0 && edited.slice(edited.length - 1, edited.length) !== '\n') added += newline;
    if (lastLineText !== undefined && lastLineText.content.trim() !== '' && edited.length > 0)
      added += newline;
    added += appended.map((block) => block.map((content) => content + newline).join('')).join(newline);
    const last = replacements.at(-1);
    if (last?.end === body.length)
      replacements[replacements.length - 1] = { ...last, text: last.text + added };
    else replacements.push({ start: body.length, end: body.length, text: added });
  }
  return replacements;
}

function lastLine(layout: Layout, section: Section): number {
  return layout.entriesOf(section).at(-1)?.end ?? section.header;
}

function intersects(keys: readonly string[], wanted: ReadonlySet<string>): boolean {
  for (const key of keys) if (wanted.has(key)) return true;
  return false;
}

/** Whether both SDKs already read `key = value` from this line exactly. */
function readsAs(content: string, key: string, value: string): boolean {
  const js = jsContent(content);
  const equals = js.indexOf('=');
  const botocore = botocoreOption(content.trim());
  return (
    equals > 0 &&
    js.slice(0, equals).trim() === key &&
    js.slice(equals + 1).trim() === value &&
    botocore?.key === key &&
    botocore.value === value
  );
}

function indentOfNextContent(lines: LineTable, header: number): string {
  for (let line = header + 1; line < lines.count; line++) {
    const content = lines.line(line).content;
    if (content.trim() === '' || isBotocoreComment(content)) continue;
    return content.slice(0, pythonIndent(content));
  }
  return '';
}

const READERS = [
  { sdk: 'botocore', reader: 'botocore', read: readAsBotocore, scan: scanAsBotocore },
  { sdk: 'the AWS SDK for JavaScript', reader: 'js', read: readAsJsSdk, scan: scanAsJsSdk },
] as const;

/**
 * The refusal for an edit that would not read as intended, or undefined: in each SDK, each target reads
 * as written (removed: gone) and everything else as before.
 */
function judgeEdit(
  before: string,
  after: ChangedText,
  kind: AwsFileKind,
  targets: readonly Target[],
  layout: Layout,
): RefusedEditError | undefined {
  if (passesOnChangedSections(before, after, kind, targets)) return undefined;
  for (const { sdk, read } of READERS) {
    const refusal = judgeReadings(
      sdk,
      read(before, kind),
      read(after.toString(), kind),
      kind,
      targets,
      layout,
    );
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * Whether `judgeEdit`'s full judgement would pass the edit, decided from the sections it changed, as a
 * file of 10,000 profiles would otherwise be read whole four times. Each SDK scans the file before the
 * edit whole (a line it cannot read anywhere sends the edit to the full judgement) and, after the edit,
 * the sections around each change (`rescanChanges`): every other section is the same text, and a
 * section's values depend only on its own lines and, in botocore, on [DEFAULT]. The entities of the
 * sections around the changes, and the targets, are read from an excerpt of their sections before and
 * after, and judged as the full judgement judges them. A changed [DEFAULT], an indented header, or any
 * refusal leaves the decision to the full judgement.
 */
function passesOnChangedSections(
  before: string,
  after: ChangedText,
  kind: AwsFileKind,
  targets: readonly Target[],
): boolean {
  const changes = after.replacements.map(({ start, end, text }) => ({ start, end, length: text.length }));
  for (const [index, { sdk, reader, read }] of READERS.entries()) {
    const old = scannedBefore(before, kind)[index] as ScanOutcome;
    if (!old.ok) return false;
    const now = rescanChanges(before, old.spans, after, changes, kind, reader);
    if (now === undefined) return false;
    const reached = new Set([...targets.map((change) => change.entity), ...now.reached]);
    const excerptOf = (text: TextSlices, spans: readonly SectionSpan[]): string | undefined => {
      // Spans whose headers both SDKs read alike have no [DEFAULT].
      const wanted =
        indexesOfEntities(spans, reached)?.map((index) => spans[index] as SectionSpan) ??
        spans.filter(({ entity }) => entity !== undefined && (reached.has(entity) || entity === 'defaults'));
      return excerpt(text, [...sectionsByEntity(wanted, reader).values()].flat());
    };
    const oldText = excerptOf(before, old.spans);
    const newText = excerptOf(after, now.spans);
    if (oldText === undefined || newText === undefined) return false;
    const oldReading = read(oldText, kind);
    const newReading = read(newText, kind);
    if (!oldReading.ok || !newReading.ok) return false;
    if (judgeReadings(sdk, oldReading, newReading, kind, targets, undefined)) return false;
  }
  return true;
}

// Both attempts of an edit judge against the same text before it.
let lastScan: { text: string; kind: AwsFileKind; outcomes: ScanOutcome[] } | undefined;

function scannedBefore(text: string, kind: AwsFileKind): ScanOutcome[] {
  if (lastScan?.kind !== kind || lastScan.text !== text) {
    lastScan = { text, kind, outcomes: READERS.map(({ scan }) => scan(text, kind)) };
  }
  return lastScan.outcomes;
}

/** One SDK's judgement of an edit, from its readings before and after. */
function judgeReadings(
  sdk: string,
  old: ReadOutcome,
  now: ReadOutcome,
  kind: AwsFileKind,
  targets: readonly Target[],
  layout: Layout | undefined,
): RefusedEditError | undefined {
  const targetEntities = new Set(targets.map((change) => change.entity));
  // A file the SDK cannot read stays refused, unless the fault was in a section being rewritten.
  if (!old.ok && !(layout && lineInTargets(layout, targetEntities, old.line))) {
    return new RefusedEditError(old.line, `${sdk} cannot read the file (${old.reason})`);
  }
  if (!now.ok) {
    if (!old.ok) return new RefusedEditError(old.line, `${sdk} cannot read the file (${old.reason})`);
    return new RefusedEditError(now.line, `after the edit ${sdk} could not read the file (${now.reason})`);
  }
  const oldEntities = old.ok ? old.reading.entities : new Map<string, ReadSection>();
  const newEntities = now.reading.entities;
  for (const entity of new Set([...oldEntities.keys(), ...newEntities.keys()])) {
    if (targetEntities.has(entity)) continue;
    if (!sameValues(oldEntities.get(entity), newEntities.get(entity))) {
      const line = (old.ok ? old.reading.headerLines.get(entity) : undefined) ?? lineOf(now, entity);
      return new RefusedEditError(
        line,
        `the edit would make ${sdk} read [${shownEntity(entity, kind)}] differently`,
      );
    }
  }
  for (const change of targets) {
    const got = newEntities.get(change.entity);
    const line = now.reading.headerLines.get(change.entity) ?? lineOf(old, change.entity);
    if (change.remove) {
      if (got !== undefined && got.size > 0) {
        return new RefusedEditError(line, `${sdk} would still read [${change.header}] after removing it`);
      }
      continue;
    }
    // A new section is judged bare: what botocore's [DEFAULT] would add to it is not what was written.
    const base = oldEntities.get(change.entity) ?? new Map<string, ReadValue>();
    const expected = new Map<string, string>();
    for (const [key, { value }] of base) {
      // `s3.addressing_style` goes with its block key `s3`.
      const blockKey = key.split('.')[0] as string;
      if (!change.replaced.has(key.toLowerCase()) && !change.replaced.has(blockKey.toLowerCase())) {
        expected.set(key, value);
      }
    }
    for (const [key, value] of change.values ?? []) expected.set(key, value);
    const problem = differingKey(expected, got ?? new Map());
    if (problem !== undefined) {
      const where = got?.get(problem)?.line ?? line;
      return new RefusedEditError(
        where,
        `${sdk} would not read [${change.header}] as written (its key ${problem} would ${got?.has(problem) ? (expected.has(problem) ? 'read otherwise' : 'still apply') : 'be missing'})`,
      );
    }
  }
  return undefined;
}

function lineInTargets(layout: Layout, entities: ReadonlySet<string>, line: number): boolean {
  return layout
    .sectionsReadAs(entities)
    .some((section) => line - 1 >= section.header && line - 1 <= lastLine(layout, section));
}

function lineOf(outcome: ReadOutcome, entity: string): number {
  return outcome.ok ? (outcome.reading.headerLines.get(entity) ?? 1) : outcome.line;
}

function shownEntity(entity: string, kind: AwsFileKind): string {
  if (kind === 'credentials' && entity.startsWith('profile ')) return entity.slice('profile '.length);
  return entity === 'profile default' ? 'default' : entity;
}

function sameValues(a: ReadSection | undefined, b: ReadSection | undefined): boolean {
  if (a === undefined || b === undefined) return (a?.size ?? 0) === 0 && (b?.size ?? 0) === 0;
  if (a.size !== b.size) return false;
  for (const [key, { value }] of a) if (b.get(key)?.value !== value) return false;
  return true;
}

function differingKey(expected: ReadonlyMap<string, string>, got: ReadSection): string | undefined {
  for (const [key, value] of expected) if (got.get(key)?.value !== value) return key;
  for (const key of got.keys()) if (!expected.has(key)) return key;
  return undefined;
}

function splitByteOrderMark(text: string): { bom: string; body: string } {
  return text.startsWith(BYTE_ORDER_MARK)
    ? { bom: BYTE_ORDER_MARK, body: text.slice(1) }
    : { bom: '', body: text };
}

function checkHeader(header: string, kind: AwsFileKind): string {
  if (!isReadableHeader(header, kind))
    throw new InvalidProfileNameError(`[${header}] is not a section header the AWS SDKs read back.`);
  return header;
}

/**
 * Whether botocore and the AWS SDK for JavaScript both read `[header]`, in a file of that kind, as the same
 * profile or sso-session: the one rule for the names sso-tui writes.
 */
export function isReadableHeader(header: string, kind: AwsFileKind): boolean {
  const name = botocoreSectionName(header, kind);
  const jsKey = jsSectionKey(`[${header}]`);
  const jsName = jsKey === undefined || jsKey === 'no header' ? undefined : jsSectionName(jsKey, kind);
  return (
    header !== '' &&
    header.trim() === header &&
    !/[[\]#;\p{Cc}]/u.test(header) &&
    name.space !== 'defaults' &&
    name.space !== 'other' &&
    jsName !== undefined &&
    entityKey(jsName) === entityKey(name) &&
    readAsJsSdk(`[${header}]\nk = v\n`, kind).ok &&
    !(kind === 'credentials' && header in EMPTY_OBJECT)
  );
}

const EMPTY_OBJECT = {};

const KEY = /^[A-Za-z0-9_-]+$/;

function checkValues(values: IniValues): void {
  const seen = new Set<string>();
  for (const [key, value] of values) {
    if (!KEY.test(key)) throw new UnwritableValueError(`"${key}" is not a key sso-tui writes to AWS files.`);
    if (seen.has(key.toLowerCase())) throw new UnwritableValueError(`The key ${key} is given twice.`);
    seen.add(key.toLowerCase());
    // Values are never quoted in these messages: they may be secrets.
    if (value === '' || value !== value.trim()) {
      throw new UnwritableValueError(`The value for ${key} is empty or starts or ends with white space.`);
    }
    if (/[\r\n]/.test(value)) throw new UnwritableValueError(`The value for ${key} spans several lines.`);
    if (JS_COMMENT.test(value)) {
      throw new UnwritableValueError(
        `The value for ${key} has "#" or ";" after white space, which the AWS SDKs read as a comment.`,
      );
    }
  }
}
