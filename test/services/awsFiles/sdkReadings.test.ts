import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  excerpt,
  readAsBotocore,
  readAsJsSdk,
  scanAsBotocore,
  scanAsJsSdk,
  sectionsByEntity,
  type AwsFileKind,
  type ReadOutcome,
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
