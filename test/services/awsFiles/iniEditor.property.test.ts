import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RefusedEditError } from '../../../source/services/awsFiles/awsFileErrors.js';
import { upsertSection } from '../../../source/services/awsFiles/iniEditor.js';
import { identifyHeader } from '../../../source/services/awsFiles/iniParser.js';

// Generated AWS files: comments, odd spacing, blank lines, many sections (some duplicated, some written in
// ways only botocore reads), `s3 =` blocks, malformed lines in sections other than the target, CRLF or LF,
// with or without a final newline or a BOM.

type Newline = '\n' | '\r\n';

const TOP_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'region',
  'output',
  'note',
];
const SUB_KEYS = ['addressing_style', 'max_concurrent_requests', 'endpoint_url'];
const WRITTEN_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'region', 'output'];
const HEADERS = [
  'dev',
  ' dev ',
  'profile dev',
  'profile  dev',
  ' profile dev',
  "profile 'dev'",
  'prod',
  'default',
  'sso-session dev',
  'café',
];

const value = fc.stringMatching(/^[A-Za-z0-9/+=#:.@-]{1,16}$/).filter((text) => !/^[#;]/.test(text));

const keyLine = fc
  .tuple(fc.constantFrom(...TOP_KEYS), value, fc.integer({ min: 0, max: 4 }))
  .map(([key, text, style]) => ({
    key,
    line: [
      `${key}=${text}`,
      `${key} = ${text}`,
      `\t${key}  =\t${text}   `,
      `${key} = ${text} # old`,
      `${key} = ${text}\t; x`,
    ][style] as string,
  }));

const block = fc
  .tuple(
    fc.constantFrom('s3', 'cli'),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...SUB_KEYS), value), { selector: ([key]) => key, maxLength: 2 }),
  )
  .map(([key, subs]) => ({
    key,
    line: [`${key} =`, ...subs.map(([sub, text]) => `  ${sub} = ${text}`)].join('\n'),
  }));

const other = fc.constantFrom('# note', '; old', '   # indented', '#', '# café ☕ = x', '', '   ');

const sectionBody = fc
  .array(
    fc.oneof(
      keyLine,
      block,
      other.map((line) => ({ key: undefined, line })),
    ),
    { maxLength: 6 },
  )
  .map((items) => {
    const seen = new Set<string>();
    // Keys unique per section: a repeated key is a problem, and the target section must be healthy.
    return items.filter((item) => item.key === undefined || (!seen.has(item.key) && seen.add(item.key)));
  });

const section = fc.record({
  header: fc.constantFrom(...HEADERS),
  style: fc.constantFrom('[%]', '[%]   # comment', '  [%]'),
  body: sectionBody,
  garbage: fc.boolean(),
});

const file = fc.record({
  preamble: fc.array(fc.constantFrom('# ~/.aws/credentials', '', '; hand edited'), { maxLength: 2 }),
  sections: fc.array(section, { maxLength: 6 }),
  newline: fc.constantFrom<Newline>('\n', '\r\n'),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
});

const target = fc.constantFrom('dev', 'profile dev');

const written = fc.uniqueArray(fc.tuple(fc.constantFrom(...WRITTEN_KEYS), value), {
  selector: ([key]) => key,
  minLength: 1,
  maxLength: 4,
});

type GeneratedFile = typeof file extends fc.Arbitrary<infer T> ? T : never;

function render(generated: GeneratedFile, header: string): string {
  const lines: string[] = [...generated.preamble];
  for (const item of generated.sections) {
    lines.push(item.style.replace('%', item.header));
    lines.push(...item.body.flatMap((entry) => entry.line.split('\n')));
    // A malformed line, only where it does not belong to the section being edited.
    if (item.garbage && identifyHeader(item.header).canonical !== header) lines.push('pasted without equals');
  }
  const body = lines.join(generated.newline);
  const ending = generated.finalNewline && lines.length > 0 ? generated.newline : '';
  return (generated.bom ? '\uFEFF' : '') + body + ending;
}

/** The edit, or undefined when it is refused (the differential test judges refusals and edits alike). */
function tryUpsert(
  text: string,
  header: string,
  values: ReadonlyArray<readonly [string, string]>,
): string | undefined {
  try {
    return upsertSection(text, { header }, values);
  } catch (error) {
    if (error instanceof RefusedEditError) return undefined;
    throw error;
  }
}

// What the SDKs read from the result is judged in editDifferential.test.ts; here, the properties of the text.
describe('upsertSection over generated files', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(file, target, written, (generated, header, values) => {
        const once = tryUpsert(render(generated, header), header, values);
        fc.pre(once !== undefined);
        expect(upsertSection(once, { header }, values)).toBe(once);
      }),
    );
  });

  it('leaves no lone \\n in a CRLF file', () => {
    fc.assert(
      fc.property(file, target, written, (generated, header, values) => {
        const before = render({ ...generated, newline: '\r\n' }, header);
        // A file without any line end has no style to keep: it gets '\n', like a new file.
        fc.pre(before.includes('\r\n'));
        const after = tryUpsert(before, header, values);
        fc.pre(after !== undefined);
        expect(after).not.toMatch(/(^|[^\r])\n/);
      }),
    );
  });

  it('keeps every byte of a file it refuses to edit: refusals throw, they never half-write', () => {
    fc.assert(
      fc.property(file, target, written, (generated, header, values) => {
        const before = render(generated, header);
        const after = tryUpsert(before, header, values);
        if (after === undefined)
          expect(() => upsertSection(before, { header }, values)).toThrow(RefusedEditError);
      }),
    );
  });
});
