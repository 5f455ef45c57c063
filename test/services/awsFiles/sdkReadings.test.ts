import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsContent,
  jsSectionKey,
  excerpt,
  readAsBotocore,
  readAsJsSdk,
  rescanChanges,
  scanAsBotocore,
  scanAsJsSdk,
  scanAsJsSdkLineByLine,
  scanAsBotocoreLineByLine,
  scanPlainFileAsBotocore,
  headersReadAlike,
  scanPlainFileAsJsSdk,
  sectionsByEntity,
  type AwsFileKind,
  type ReadOutcome,
  type ScanOutcome,
  type SectionSpan,
  type TextChange,
} from '../../../source/services/awsFiles/sdkReadings.js';
import {
  botocoreCasesTitle,
  botocoreCases,
  generatedFile,
  HAND_CASES,
  type CorpusFile,
} from '../../support/awsFileCorpus.js';
import {
  botocoreTitle,
  readWithBotocore,
  readWithJsSdk,
  whyBotocoreIsMissing,
  type Entities,
  type SdkReading,
} from '../../support/sdkOracle.js';
import { tempFolder } from '../../support/tempFolders.js';

// The editor judges its edits with models of the two SDKs' readers; here the models meet the SDKs.

const KINDS: readonly AwsFileKind[] = ['config', 'credentials'];

function asOracle(outcome: ReadOutcome, dropDefaults: boolean): SdkReading {
  if (!outcome.ok) return { ok: false, error: outcome.reason };
  const entities: Entities = {};
  for (const [entity, values] of outcome.reading.entities) {
    if (dropDefaults && entity === 'defaults') continue;
    entities[entity] = Object.fromEntries([...values].map(([key, { value }]) => [key, value]));
  }
  return { ok: true, entities };
}

async function compare(files: readonly CorpusFile[]): Promise<void> {
  const folder = await tempFolder('sso-tui-readings-');
  const requests: Array<{ path: string; kind: AwsFileKind; file: CorpusFile }> = [];
  for (const [index, file] of files.entries()) {
    const path = join(folder, `case-${index}`);
    await writeFile(path, file.text);
    for (const kind of KINDS) requests.push({ path, kind, file });
  }
  const botocore = await readWithBotocore(requests);
  for (const [index, { path, kind, file }] of requests.entries()) {
    const label = `${file.name} as ${kind}`;
    const expected = botocore[index] as SdkReading;
    const model = asOracle(readAsBotocore(file.text, kind), true);
    expect({ label, ok: model.ok }).toEqual({ label, ok: expected.ok });
    if (model.ok && expected.ok)
      expect({ label, entities: model.entities }).toEqual({ label, entities: expected.entities });
    const js = await readWithJsSdk(path, kind);
    const jsModel = readAsJsSdk(file.text, kind);
    // The SDK swallows its own refusal (`[__proto__]`) and reads nothing.
    const jsExpected = jsModel.ok ? asOracle(jsModel, false) : { ok: true as const, entities: {} };
    expect({ label, reading: js }).toEqual({ label, reading: jsExpected });
  }
}

const botocoreMissing = await whyBotocoreIsMissing();

describe('the models of the SDK readers read as the SDKs do', () => {
  const peers = botocoreCases();
  it.skipIf(peers.length === 0 || botocoreMissing !== undefined)(
    botocoreTitle(botocoreCasesTitle(peers, "on botocore's own test files"), botocoreMissing),
    async () => {
      await compare(peers);
    },
  );

  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle(
      'on cases modelled on aws-sdk-js-v3 parseIni tests and the odd files people write',
      botocoreMissing,
    ),
    async () => {
      await compare(HAND_CASES);
    },
  );

  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle('on 300 generated files', botocoreMissing),
    async () => {
      await compare(Array.from({ length: 300 }, (_, seed) => generatedFile(seed + 1)));
    },
    60_000,
  );
});

describe('section names with quotes, backslashes and white space', () => {
  // botocore splits a header as a shell would (`shlex.split`); the JavaScript SDK has its own pattern.
  const header = fc
    .tuple(
      fc.constantFrom('profile', 'sso-session', 'services', 'profilex', 'Profile', 'default', ''),
      fc.constantFrom(' ', '  ', '\t', ''),
      fc.array(fc.constantFrom('a', 'b', ' ', '\t', "'", '"', '\\', '$', '`', '.', ';', '#', ']'), {
        maxLength: 6,
      }),
    )
    .map(([prefix, space, name]) => `${prefix}${space}${name.join('')}`);
  const files = fc.sample(fc.uniqueArray(header, { minLength: 1, maxLength: 4 }), { numRuns: 300, seed: 16 });
  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle('are read as the SDKs read them, in 300 generated files', botocoreMissing),
    async () => {
      await compare(
        files.map((headers, index) => ({
          name: `headers ${JSON.stringify(headers)}`,
          text: headers.map((name, at) => `[${name}]\nk = ${index}.${at}\n`).join(''),
        })),
      );
    },
    60_000,
  );
});

describe("botocore's refusals, as the model words them", () => {
  it.each([
    [
      'a line without "="',
      '[a]\nk = v\nbroken\n',
      3,
      'a line that is neither a section header nor "key = value"',
    ],
    [
      'a line with no key before "="',
      '[a]\n= v\n',
      2,
      'a line that is neither a section header nor "key = value"',
    ],
    [
      'a key given twice, in any case',
      '[a]\nk = 1\nK = 2\n',
      3,
      'a key that already appears in its section on line 2',
    ],
    ['a sub-key line without "="', '[a]\ns3 =\n  addressing_style\n', 2, 'a line under s3 without "="'],
    ['a byte order mark after the first line', '\n\uFEFF[a]\n', 2, 'text before the first section header'],
  ])('refuses %s', (_name, text, line, reason) => {
    for (const kind of KINDS) expect(readAsBotocore(text, kind)).toEqual({ ok: false, line, reason });
  });
});

// The editor judges an edit of a big file by the sections it changed: a scan must refuse what the reading
// refuses, and an entity must read from an excerpt of its sections as it reads in the whole file.
function compareScans(files: readonly CorpusFile[]): number {
  const readers = [
    { reader: 'botocore', read: readAsBotocore, scan: scanAsBotocore },
    { reader: 'js', read: readAsJsSdk, scan: scanAsJsSdk },
  ] as const;
  let excerpts = 0;
  for (const file of files) {
    for (const kind of KINDS) {
      for (const { reader, read, scan } of readers) {
        const label = `${file.name} as ${kind} (${reader})`;
        const whole = read(file.text, kind);
        const scanned = scan(file.text, kind);
        expect({ label, ok: scanned.ok }).toEqual({ label, ok: whole.ok });
        if (!whole.ok || !scanned.ok) continue;
        const sections = sectionsByEntity(scanned.spans, reader);
        for (const [entity, values] of whole.reading.entities) {
          const own = sections.get(entity) ?? [];
          const part = excerpt(
            file.text,
            entity === 'defaults' ? own : [...own, ...(sections.get('defaults') ?? [])],
          );
          if (part === undefined) continue;
          const alone = read(part, kind);
          const valuesOf = (outcome: ReadOutcome): unknown =>
            outcome.ok
              ? Object.fromEntries(
                  [...(outcome.reading.entities.get(entity) ?? [])].map(([k, v]) => [k, v.value]),
                )
              : outcome.reason;
          expect({ label, entity, values: valuesOf(alone) }).toEqual({
            label,
            entity,
            values: Object.fromEntries([...values].map(([k, v]) => [k, v.value])),
          });
          excerpts += 1;
        }
      }
    }
  }
  return excerpts;
}

describe('the scans the editor judges big files by', () => {
  it('refuse what the readings refuse, and each entity reads from its sections alone as in the file', () => {
    const files = [
      ...botocoreCases(),
      ...HAND_CASES,
      ...Array.from({ length: 300 }, (_, seed) => generatedFile(seed + 1)),
    ];
    expect(compareScans(files)).toBeGreaterThan(1000);
  });
});

// Lines of plain files (each a kind `scanPlainFileAsBotocore` reads) and of files that are not quite.
const PLAIN_LINES = [
  '[profile dev]',
  '[profile acct-1.Admin]',
  '[default]',
  '[DEFAULT]',
  '[sso-session corp]',
  '[profile a b]',
  '[dev]x]',
  '[profile "q"]',
  "[profile it's]",
  '[services s3]',
  '[profile dev ]',
  'region = eu-west-1',
  'Region=us-east-1',
  'REGION : x',
  'output = json',
  'sso_start_url = https://x.awsapps.com/start#/',
  'a#b = 1',
  'k = a=b:c',
  'key =',
  's3 =',
  '# comment',
  '; comment [x]',
  '',
];
const NEAR_PLAIN_LINES = [
  '  addressing_style = path',
  '\tregion = x',
  ' [profile dev]',
  'pasted without equals',
  '= value',
  'my key = 1',
  'region\u00a0= x',
  'region = x\r',
  'note = caf\u00e9',
  'note = a\u2028b',
  '[',
  '[]',
  '[x',
  '[profile café]',
];

/** Up to 40 lines, most of them plain, the others from `others`. */
function mostlyPlainLines(others: readonly string[]): fc.Arbitrary<string[]> {
  return fc.array(
    fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...PLAIN_LINES) }, fc.constantFrom(...others)),
    { maxLength: 40 },
  );
}

describe('the plain-file scan', () => {
  it('finds what the scan line by line finds, or leaves the file to it', () => {
    let plain = 0;
    fc.assert(
      fc.property(
        mostlyPlainLines(NEAR_PLAIN_LINES),
        fc.boolean(),
        fc.constantFrom<AwsFileKind>('config', 'credentials'),
        (lines, finalNewline, kind) => {
          const text = lines.join('\n') + (finalNewline ? '\n' : '');
          const fast = scanPlainFileAsBotocore(text, kind);
          if (fast === undefined) return;
          plain += 1;
          expect(fast).toEqual(scanAsBotocoreLineByLine(text, kind));
        },
      ),
      { numRuns: 3000, seed: 12 },
    );
    expect(plain).toBeGreaterThan(300);
  });

  it('refuses a key given twice in a section exactly where botocore does', () => {
    const keyLines = [
      'k = 1',
      'K\t: 2',
      'k=v',
      'ke = x',
      'a=b = c',
      'a = z',
      'A:b=c',
      'b=a = 1',
      '# k = 3',
      '',
    ];
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...keyLines), { maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        (sections) => {
          const text = sections.map((lines, index) => [`[s${index}]`, ...lines].join('\n') + '\n').join('');
          const fast = scanPlainFileAsBotocore(text, 'config');
          const lineByLine = scanAsBotocoreLineByLine(text, 'config');
          if (!lineByLine.ok) refused += 1;
          expect(fast).toEqual(lineByLine.ok ? lineByLine : undefined);
        },
      ),
      { numRuns: 2000, seed: 13 },
    );
    expect(refused).toBeGreaterThan(300);
  });

  it('reads a file populate writes, with comments before the first header', () => {
    const text =
      '# mine\n[sso-session corp]\nsso_start_url = https://x/start#/\n\n' +
      Array.from({ length: 50 }, (_, i) => `[profile a-${i}]\nsso_session = corp\nregion = eu-west-1\n`).join(
        '\n',
      );
    const fast = scanPlainFileAsBotocore(text, 'config');
    expect(fast).toEqual(scanAsBotocoreLineByLine(text, 'config'));
    expect(fast?.ok && fast.spans.length).toBe(51);
  });

  it('leaves to the scan line by line what botocore refuses and what a search cannot tell', () => {
    for (const text of [
      '[a]\nk = 1\n[a]\n',
      '[a]\nk = 1\nK = 2\n',
      '[a]\nk = 1\n\n# x\nk: 2\n',
      '[a]\nKey = 1\nkEY\t: 2\n',
      '[a]\na=b = 1\na = 2\n',
      'k = 1\n[a]\n',
      '[DEFAULT]\nk = 1\n[DEFAULT]\nj = 2\n',
      `[a]\n${Array.from({ length: 3000 }, (_, i) => `k${i} = ${i}`).join('\n')}\n`,
      '[a]\nk = 1',
      '',
    ]) {
      expect(scanPlainFileAsBotocore(text, 'config')).toBeUndefined();
    }
    for (const text of ['[a]\nk = 1\n[b]\nk = 2\n', '[a]\nab = 1\na = 2\nb=a = 3\n# a = 4\n']) {
      expect(scanPlainFileAsBotocore(text, 'config')).toEqual(scanAsBotocoreLineByLine(text, 'config'));
      expect(scanPlainFileAsBotocore(text, 'config')).toBeDefined();
    }
  });
});

describe('a plain config file of plain header lines only', () => {
  it("is scanned from the parse's headers as botocore scans it line by line, or left to that scan", () => {
    const lines = [
      '[profile dev]',
      '[profile acct-1.Admin]',
      '[profile x@y+z%1:2/3-4_5]',
      '[sso-session corp]',
      '[services s3]',
      'region = eu-west-1',
      'Region=us-east-1',
      'sso_session = corp',
      'k = a=b:c',
      '# comment',
      '; comment [x]',
      '',
    ];
    let scanned = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...lines) },
            fc.constantFrom(...lines.slice(0, 5)),
          ),
          {
            maxLength: 40,
          },
        ),
        (drawn) => {
          const text = `${drawn.join('\n')}\n`;
          const lineByLine = scanAsBotocoreLineByLine(text, 'config');
          const fast = scanPlainFileAsBotocore(text, 'config');
          // Only blank lines and comments before the first header: what a plain file may have there.
          const headerFirst = /^(?:(?:[#;][^\n]*)?\n)*\[/.test(text);
          if (!headerFirst) return;
          if (lineByLine.ok) scanned += 1;
          else refused += 1;
          expect(fast).toEqual(lineByLine.ok ? lineByLine : undefined);
          if (fast?.ok) expect(headersReadAlike(fast.spans)).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 15 },
    );
    expect(scanned).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });
});

describe('a plain file whose headers both SDKs read alike', () => {
  it('is one where each header is alone on its line and the JavaScript SDK finds the same sections', () => {
    let alike = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            {
              weight: 20,
              arbitrary: fc.constantFrom(
                '[profile dev]',
                '[profile acct-1.Admin]',
                '[sso-session corp]',
                '[services s3]',
                'region = eu-west-1',
                'sso_session = corp',
                '# comment',
                '',
              ),
            },
            fc.constantFrom('[profile __proto__]', '[default]', '[profile a b]', '[profile café]', '[dev]'),
          ),
          { maxLength: 30 },
        ),
        fc.constantFrom<AwsFileKind>('config', 'credentials'),
        (lines, kind) => {
          const text = `${lines.join('\n')}\n`;
          const fast = scanPlainFileAsBotocore(text, kind);
          if (fast === undefined || !fast.ok || !headersReadAlike(fast.spans)) return;
          alike += 1;
          expect(kind).toBe('config');
          expect(scanAsJsSdkLineByLine(text, kind)).toEqual(fast);
          for (const span of fast.spans) {
            expect(text.slice(span.start, text.indexOf('\n', span.start))).toBe(`[${span.header}]`);
            expect(span.entity).toBe(span.header);
            expect(span.header).toMatch(/^(?:profile|sso-session|services) [\w@+.%:/-]+$/);
          }
        },
      ),
      { numRuns: 2000, seed: 14 },
    );
    expect(alike).toBeGreaterThan(100);
  });
});

describe("the JavaScript SDK's scan of a plain file", () => {
  it('finds what its scan line by line finds, or leaves the file to it', () => {
    let plain = 0;
    fc.assert(
      fc.property(
        mostlyPlainLines([
          '[a #b]',
          '[a#b]',
          '[profile __proto__]',
          '[__proto__]',
          '[profile x;y]',
          '[ dev ]',
          // Near `[profile NAME]`, but no entity to the JavaScript SDK, unlike botocore.
          '[profile é]',
          '[xprofile dev]',
        ]),
        (lines) => {
          const text = `${lines.join('\n')}\n`;
          const fast = scanPlainFileAsJsSdk(text);
          if (fast === undefined) return;
          plain += 1;
          expect(fast).toEqual(scanAsJsSdkLineByLine(text, 'config'));
        },
      ),
      { numRuns: 3000, seed: 13 },
    );
    expect(plain).toBeGreaterThan(300);
  });

  it("is botocore's scan where every header reads the same to both", () => {
    const text = Array.from({ length: 20 }, (_, i) => `[profile a-${i}]\nregion = eu-west-1\n`).join('');
    expect(scanPlainFileAsJsSdk(text)).toBe(scanAsBotocore(text, 'config'));
    // And so the two SDKs' scans of a big config file share one list of sections.
    expect(scanAsJsSdk(text, 'config')).toBe(scanAsBotocore(text, 'config'));
  });
});

describe("the JavaScript SDK's scan", () => {
  it('finds every header line, wherever it stands among lines it skips', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(...PLAIN_LINES, ...NEAR_PLAIN_LINES, '  [profile x]', '\t[y] # z', '[z]\r'),
          {
            maxLength: 40,
          },
        ),
        (lines) => {
          const text = lines.join('\n');
          const scanned = scanAsJsSdk(text, 'config');
          if (!scanned.ok) return;
          const starts: number[] = [];
          let at = 0;
          for (const line of text.split('\n')) {
            if (jsSectionKey(jsContent(line.replace(/\r$/, ''))) !== 'no header') starts.push(at);
            at += line.length + 1;
          }
          expect(scanned.spans.map((span) => span.start)).toEqual(starts);
        },
      ),
      { numRuns: 1000, seed: 12 },
    );
  });

  it('gives the line of a header it refuses', () => {
    const text = '[a]\nk = v\n\n  x = 1\n[__proto__]\n';
    expect(scanAsJsSdk(text, 'config')).toEqual({
      ok: false,
      line: 5,
      reason: 'the section name [__proto__] makes the AWS SDK for JavaScript read nothing',
    });
  });

  it('gives the line of a header it refuses on the last line, without a line end', () => {
    expect(scanAsJsSdk('[a]\nk = v\n[__proto__]', 'config')).toEqual({
      ok: false,
      line: 3,
      reason: 'the section name [__proto__] makes the AWS SDK for JavaScript read nothing',
    });
  });

  it("scans a text once: the AWS SDK clients' settings and the edit that follows ask for the same", () => {
    const text = '[default]\nregion = eu-west-1\n  [profile dev] # indented\nk = v\n';
    expect(scanAsJsSdk(text, 'credentials')).toBe(scanAsJsSdk(text, 'credentials'));
  });

  it('reads a line ending with ] that does not start with [ as a key, as the SDK does', async () => {
    const path = join(await tempFolder('sso-tui-readings-'), 'config');
    const text = '[profile dev]\nregion = eu-west-1]\nk = v\n';
    await writeFile(path, text);
    const model = asOracle(readAsJsSdk(text, 'config'), false);
    expect(model).toEqual({ ok: true, entities: { 'profile dev': { region: 'eu-west-1]', k: 'v' } } });
    expect(await readWithJsSdk(path, 'config')).toEqual(model);
  });
});

const SCANS = [
  { reader: 'botocore', scan: scanAsBotocore },
  { reader: 'js', scan: scanAsJsSdk },
] as const;

/** `text` with each run of lines `from` up to `to` (0-based, in order, apart) replaced by its `lines`. */
function changeLines(
  text: string,
  runs: ReadonlyArray<{ from: number; to: number; lines: readonly string[] }>,
): { after: string; changes: TextChange[] } {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  if (!text.endsWith('\n')) starts.push(text.length);
  const parts: string[] = [];
  const changes: TextChange[] = [];
  let copied = 0;
  for (const { from, to, lines } of runs) {
    const start = starts[Math.min(from, starts.length - 1)] as number;
    const end = starts[Math.min(to, starts.length - 1)] as number;
    if (start < copied) continue;
    const inserted = lines.map((line) => `${line}\n`).join('');
    parts.push(text.slice(copied, start), inserted);
    changes.push({ start, end, length: inserted.length });
    copied = end;
  }
  parts.push(text.slice(copied));
  return { after: parts.join(''), changes };
}

function sameSpans(a: readonly SectionSpan[], b: readonly SectionSpan[]): boolean {
  const shape = (spans: readonly SectionSpan[]): string =>
    JSON.stringify(
      spans.map(({ entity, start, end, indented, header }) => [entity, start, end, indented, header]),
    );
  return shape(a) === shape(b);
}

describe('the scan after an edit, of the sections around its changes only', () => {
  it('finds what a scan of the whole file finds, and every entity the changes reached, or leaves it to that scan', () => {
    let decided = 0;
    let left = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const before = generatedFile(seed).text;
      const donor = generatedFile(seed + 5000).text.split('\n');
      const lineCount = before.split('\n').length;
      for (const kind of KINDS) {
        for (const { reader, scan } of SCANS) {
          const old = scan(before, kind);
          if (!old.ok) continue;
          const from = (seed * 7) % lineCount;
          const to = from + ((seed * 3) % 4);
          const taken = donor.slice(seed % donor.length, (seed % donor.length) + (seed % 5));
          const runs = [{ from, to, lines: taken }];
          // Every other file gets a second change further on.
          if (seed % 2 === 0)
            runs.push({
              from: to + (seed % 3),
              to: to + (seed % 3) + (seed % 4),
              lines: donor.slice(0, seed % 3),
            });
          const { after, changes } = changeLines(before, runs);
          const rescanned = rescanChanges(before, old.spans, after, changes, kind, reader);
          const whole = scan(after, kind) as ScanOutcome;
          if (rescanned === undefined) {
            left += 1;
            continue;
          }
          decided += 1;
          expect({ seed, kind, reader, ok: whole.ok }).toEqual({ seed, kind, reader, ok: true });
          if (!whole.ok) continue;
          expect(sameSpans(rescanned.spans, whole.spans), `seed ${seed} ${kind} ${reader}`).toBe(true);
          // An entity outside `reached` has the same sections, the same text, before and after.
          const textsOf = (text: string, spans: readonly SectionSpan[]): Map<string, string[]> => {
            const found = new Map<string, string[]>();
            for (const span of spans) {
              if (span.entity === undefined) continue;
              found.set(span.entity, [...(found.get(span.entity) ?? []), text.slice(span.start, span.end)]);
            }
            return found;
          };
          const oldTexts = textsOf(before, old.spans);
          const newTexts = textsOf(after, whole.spans);
          for (const entity of new Set([...oldTexts.keys(), ...newTexts.keys()])) {
            if (rescanned.reached.has(entity)) continue;
            expect(newTexts.get(entity), `seed ${seed} ${kind} ${reader} ${entity}`).toEqual(
              oldTexts.get(entity),
            );
          }
        }
      }
    }
    expect(decided).toBeGreaterThan(300);
    expect(left).toBeGreaterThan(0);
  });

  const rescan = (before: string, after: string, changes: TextChange[], reader: 'botocore' | 'js') => {
    const old = (reader === 'botocore' ? scanAsBotocore : scanAsJsSdk)(before, 'config');
    if (!old.ok) throw new Error('the file before is read');
    return rescanChanges(before, old.spans, after, changes, 'config', reader);
  };

  it('leaves to the whole scan keys that would fall into the section before the changes', () => {
    // The JavaScript SDK reads `[prod] old` as no header: without `[profile "dev"]`, its keys are other's.
    const before =
      '  [profile other]\n[profile "dev"]   # comment\n[prod] old\nregion = eu-west-1\n[Dev]\nk = v\n';
    const { after, changes } = changeLines(before, [{ from: 1, to: 2, lines: [] }]);
    expect(rescan(before, after, changes, 'js')).toBeUndefined();
  });

  it('leaves to the whole scan a header botocore has seen elsewhere, and an indented header next to a change', () => {
    const before = '[profile a]\nk = v\n[profile b]\nk = v\n';
    const duplicate = changeLines(before, [{ from: 2, to: 4, lines: ['[profile a]', 'k = w'] }]);
    expect(rescan(before, duplicate.after, duplicate.changes, 'botocore')).toBeUndefined();
    // Written into two stretches apart, each read alone.
    const three = '[profile a]\nk = v\n[profile b]\nk = v\n[profile d]\nk = v\n';
    const twice = changeLines(three, [
      { from: 1, to: 2, lines: ['k = v', '[profile c]', 'k = 1'] },
      { from: 5, to: 6, lines: ['k = v', '[profile c]', 'k = 2'] },
    ]);
    expect(rescan(three, twice.after, twice.changes, 'botocore')).toBeUndefined();
    expect(rescan(three, twice.after, twice.changes, 'js')).toBeDefined();
    const indented = '[profile a]\n  [profile b]\nk = v\n';
    const beside = changeLines(indented, [{ from: 2, to: 3, lines: ['k = w'] }]);
    expect(rescan(indented, beside.after, beside.changes, 'botocore')).toBeUndefined();
  });

  it('takes blank lines and comments before the first header of the changed stretch as nothing', () => {
    const before = '[profile a]\nk = v\n\n[profile gone]\nk = v\n\n[profile c]\nk = v\n';
    const { after, changes } = changeLines(before, [{ from: 3, to: 5, lines: ['# was gone'] }]);
    for (const reader of ['botocore', 'js'] as const) {
      const rescanned = rescan(before, after, changes, reader);
      expect(rescanned?.reached.has('profile gone')).toBe(true);
      expect(rescanned?.spans.map((span) => span.entity)).toEqual(['profile a', 'profile c']);
    }
  });
});
