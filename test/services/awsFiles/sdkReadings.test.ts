import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readAsBotocore,
  readAsJsSdk,
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
import { readWithBotocore, readWithJsSdk, type Entities, type SdkReading } from '../../support/sdkOracle.js';
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

describe('the models of the SDK readers read as the SDKs do', () => {
  const peers = botocoreCases();
  it.skipIf(peers.length === 0)(botocoreCasesTitle(peers, "on botocore's own test files"), async () => {
    await compare(peers);
  });

  it('on cases modelled on aws-sdk-js-v3 parseIni tests and the odd files people write', async () => {
    await compare(HAND_CASES);
  });

  it('on 300 generated files', async () => {
    await compare(Array.from({ length: 300 }, (_, seed) => generatedFile(seed + 1)));
  }, 60_000);
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
