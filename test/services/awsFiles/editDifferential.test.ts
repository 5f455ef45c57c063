import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidProfileNameError,
  RefusedEditError,
} from '../../../source/services/awsFiles/awsFileErrors.js';
import { editSections, type SectionEdit } from '../../../source/services/awsFiles/iniEditor.js';
import type { AwsFileKind } from '../../../source/services/awsFiles/sdkReadings.js';
import {
  botocoreCasesTitle,
  botocoreCases,
  generatedFile,
  HAND_CASES,
  type CorpusFile,
} from '../../support/awsFileCorpus.js';
import {
  botocoreTitle,
  editViolations,
  readWithBotocore,
  readWithJsSdk,
  whyBotocoreIsMissing,
  type IntendedEdit,
} from '../../support/sdkOracle.js';
import { tempFolder } from '../../support/tempFolders.js';

// Every edit the editor makes, judged by botocore (python3) and the AWS SDK for JavaScript themselves:
// the target reads exactly as written in both, every other section as each read it before; or the edit is
// refused with a line and a reason. (test/cli/sdkDifferential.test.ts does the same through dist/cli.js.)

const STATIC = {
  aws_access_key_id: 'ASIAEXAMPLE',
  aws_secret_access_key: 'secret/KEY+1',
  aws_session_token: 'token=',
};
const SSO = {
  sso_session: 'corp',
  sso_account_id: '111122223333',
  sso_role_name: 'Admin',
  region: 'eu-west-1',
};
const OTHER_SOURCES = [
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'credential_process',
];

interface Case {
  readonly file: CorpusFile;
  readonly kind: AwsFileKind;
  readonly edits: readonly SectionEdit[];
  readonly intended: readonly IntendedEdit[];
}

function casesFor(file: CorpusFile): Case[] {
  const cases: Case[] = [];
  for (const name of ['dev', 'default', 'other', 'fresh']) {
    cases.push({
      file,
      kind: 'credentials',
      edits: [
        {
          header: name,
          values: Object.entries(STATIC),
          removeKeys: [...OTHER_SOURCES, 'sso_session', 'sso_start_url'],
        },
      ],
      intended: [
        {
          entity: `profile ${name}`,
          values: STATIC,
          removedKeys: [...OTHER_SOURCES, 'sso_session', 'sso_start_url'],
        },
      ],
    });
    const header = name === 'default' ? 'default' : `profile ${name}`;
    const removed = [...OTHER_SOURCES, ...Object.keys(STATIC), 'sso_start_url', 'sso_region'];
    cases.push({
      file,
      kind: 'config',
      edits: [{ header, values: Object.entries(SSO), removeKeys: removed }],
      intended: [{ entity: `profile ${name}`, values: SSO, removedKeys: removed }],
    });
  }
  cases.push({
    file,
    kind: 'config',
    edits: [
      { header: 'profile dev', remove: true },
      { header: 'profile fresh', values: Object.entries(SSO) },
    ],
    intended: [{ entity: 'profile dev' }, { entity: 'profile fresh', values: SSO }],
  });
  return cases;
}

const REFUSAL = /^The file was not changed: line [1-9]\d*: .+\.$/;

async function judge(files: readonly CorpusFile[]): Promise<{ edited: number; refused: number }> {
  const folder = await tempFolder('sso-tui-differential-');
  const runs: Array<{ edit: Case; before: string; after?: string }> = [];
  let counter = 0;
  for (const file of files) {
    for (const edit of casesFor(file)) {
      const before = join(folder, `${counter++}-before`);
      await writeFile(before, file.text);
      try {
        const text = editSections(file.text, edit.edits, edit.kind);
        const after = join(folder, `${counter++}-after`);
        await writeFile(after, text);
        runs.push({ edit, before, after });
      } catch (error) {
        if (!(error instanceof RefusedEditError || error instanceof InvalidProfileNameError)) throw error;
        const label = `${file.name} (${edit.kind}, ${edit.edits.map((e) => e.header).join(' + ')})`;
        if (error instanceof RefusedEditError)
          expect({ label, message: error.message }).toEqual({
            label,
            message: expect.stringMatching(REFUSAL),
          });
        runs.push({ edit, before });
      }
    }
  }
  const requests = runs.flatMap(({ edit, before, after }) =>
    after === undefined
      ? []
      : [
          { path: before, kind: edit.kind },
          { path: after, kind: edit.kind },
        ],
  );
  const botocore = await readWithBotocore(requests);
  let index = 0;
  let edited = 0;
  for (const { edit, before, after } of runs) {
    if (after === undefined) continue;
    edited += 1;
    const label = `${edit.file.name} (${edit.kind}, ${edit.edits.map((e) => e.header).join(' + ')})`;
    const problems = [
      ...editViolations('botocore', botocore[index]!, botocore[index + 1]!, edit.intended),
      ...editViolations(
        'the JS SDK',
        await readWithJsSdk(before, edit.kind),
        await readWithJsSdk(after, edit.kind),
        edit.intended,
      ),
    ];
    index += 2;
    expect({ label, problems }).toEqual({ label, problems: [] });
  }
  return { edited, refused: runs.length - edited };
}

const botocoreMissing = await whyBotocoreIsMissing();

describe('edits judged by botocore and the AWS SDK for JavaScript', () => {
  const peers = botocoreCases();
  it.skipIf(peers.length === 0 || botocoreMissing !== undefined)(
    botocoreTitle(botocoreCasesTitle(peers, "botocore's own test files"), botocoreMissing),
    async () => {
      const { edited } = await judge(peers);
      expect(edited).toBeGreaterThan(0);
    },
    60_000,
  );

  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle('cases modelled on aws-sdk-js-v3 parseIni tests and the issue', botocoreMissing),
    async () => {
      await judge(HAND_CASES);
    },
    60_000,
  );

  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle('400 generated files, most of which are edited', botocoreMissing),
    async () => {
      const { edited, refused } = await judge(
        Array.from({ length: 400 }, (_, seed) => generatedFile(seed + 1000)),
      );
      // Refusals are for files botocore cannot read (duplicates, bad lines, a BOM) and the rare real conflicts.
      expect(edited).toBeGreaterThan(refused);
    },
    120_000,
  );
});
