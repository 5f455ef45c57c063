import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsFileKind } from '../../source/services/awsFiles/sdkReadings.js';
import {
  botocoreCasesTitle,
  botocoreCases,
  generatedFile,
  HAND_CASES,
  type CorpusFile,
} from '../support/awsFileCorpus.js';
import {
  BUNDLE,
  REGION,
  SESSION_NAME,
  START_URL,
  startCliStage,
  type CliStage,
  type RunResult,
} from '../support/cliStage.js';
import {
  botocoreTitle,
  editViolations,
  readWithBotocore,
  readWithJsSdk,
  whyBotocoreIsMissing,
  type IntendedEdit,
  type SdkReading,
} from '../support/sdkOracle.js';
import { tempFolder } from '../support/tempFolders.js';

// The differential test of SPEC §7 against the built program: each input file is edited by `dist/cli.js`
// (export of static credentials, export of an SSO profile, populate) against the simulator, and botocore
// (python3) and the AWS SDK for JavaScript read it before and after. The oracle: the profiles written read
// exactly as written in both SDKs, every other section as each read it before; or the program refused in
// one sentence naming the file, the line and the reason, and left the file as it was.

const SESSION_BLOCK = `[sso-session ${SESSION_NAME}]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\n`;
const OTHER_SOURCES = [
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'credential_process',
];

let stage: CliStage;
let folder: string;
beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  stage = await startCliStage({ accounts: 3 });
  await stage.writeAwsCliToken();
  folder = await tempFolder('sso-tui-cli-differential-');
});
afterAll(async () => {
  await stage?.close();
});

type Command = 'export' | 'export --sso-profile' | 'populate';

const COMMANDS: readonly Command[] = ['export', 'export --sso-profile', 'populate'];

// Files both SDKs read the profile from without doubt: refusing any edit of them would be wrong.
const MUST_EDIT: ReadonlySet<string> = new Set([
  'keys in another case',
  'quoted beside plain',
  'line [unclosed = 1',
  'repeated nested sub-key elsewhere',
  'padded header',
  'role profile replaced',
  'credential_process and web identity',
  'legacy sso profile',
  'indented header first',
  'text after ] as the first header',
  'sub-section block',
  'comments # and ; and inline',
]);

interface Run {
  readonly label: string;
  readonly kind: AwsFileKind;
  readonly file: string;
  readonly before: string;
  readonly result: RunResult;
  readonly command: Command;
}

/** The config file holds the session the command signs in with: appended after the input's own text. */
function withSession(text: string): string {
  if (text === '') return SESSION_BLOCK;
  return `${text}${text.endsWith('\n') ? '' : '\n'}\n${SESSION_BLOCK}`;
}

let counter = 0;
async function runOn(input: CorpusFile, command: Command): Promise<Run> {
  const account = stage.simulator.organization.accounts[1]!;
  const kind: AwsFileKind = command === 'export' ? 'credentials' : 'config';
  const id = counter++;
  const config = join(folder, `${id}-config`);
  const credentials = join(folder, `${id}-credentials`);
  const before = kind === 'config' ? withSession(input.text) : input.text;
  await writeFile(config, kind === 'config' ? before : SESSION_BLOCK);
  await writeFile(credentials, kind === 'credentials' ? before : '');
  const argv =
    command === 'populate'
      ? ['populate']
      : [
          'export',
          '--account',
          account.accountId,
          '--role',
          account.roles[0]!,
          '--profile',
          'dev',
          '--force',
        ];
  if (command === 'export --sso-profile') argv.push('--sso-profile');
  // Some inputs have sessions of their own.
  if (kind === 'config') argv.push('--sso-session', SESSION_NAME);
  const result = await stage.run(argv, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
  return {
    label: `${input.name}: ${command}`,
    kind,
    file: kind === 'config' ? config : credentials,
    before,
    result,
    command,
  };
}

/** Both exports on every input, populate on every fourth; two at a time, as the machine is shared. */
async function runAll(inputs: readonly CorpusFile[]): Promise<Run[]> {
  const jobs = inputs.flatMap((input, index) =>
    (index % 4 === 0 ? COMMANDS : COMMANDS.slice(0, 2)).map((command) => () => runOn(input, command)),
  );
  const runs: Run[] = [];
  for (let index = 0; index < jobs.length; index += 2) {
    runs.push(...(await Promise.all(jobs.slice(index, index + 2).map((job) => job()))));
  }
  return runs;
}

function intended(run: Run, after: SdkReading, before: SdkReading): IntendedEdit[] {
  const account = stage.simulator.organization.accounts[1]!;
  if (run.command === 'export') {
    const got = after.ok ? after.entities['profile dev'] : undefined;
    const issued = stage.simulator
      .issuedCredentials()
      .find((item) => item.accessKeyId === got?.aws_access_key_id);
    return [
      {
        entity: 'profile dev',
        values: {
          aws_access_key_id: issued?.accessKeyId ?? '(not issued)',
          aws_secret_access_key: issued?.secretAccessKey ?? '',
          aws_session_token: issued?.sessionToken ?? '',
        },
        removedKeys: [
          ...OTHER_SOURCES,
          'sso_session',
          'sso_start_url',
          'sso_account_id',
          'sso_role_name',
          'sso_region',
        ],
      },
    ];
  }
  if (run.command === 'export --sso-profile') {
    const region = after.ok ? after.entities['profile dev']?.region : undefined;
    return [
      {
        entity: 'profile dev',
        values: {
          sso_session: SESSION_NAME,
          sso_account_id: account.accountId,
          sso_role_name: account.roles[0]!,
          region: region ?? '(none)',
        },
        removedKeys: [
          ...OTHER_SOURCES,
          'aws_access_key_id',
          'aws_secret_access_key',
          'aws_session_token',
          'sso_start_url',
          'sso_region',
        ],
      },
    ];
  }
  // populate: the profiles it manages, as botocore reads them after; the JS SDK must read the same.
  if (!after.ok) return [];
  return Object.entries(after.entities)
    .filter(
      ([entity, values]) => values.sso_tui_managed === 'true' && !(before.ok && before.entities[entity]),
    )
    .map(([entity, values]) => ({ entity, values }));
}

// One line: the file, the line, the reason; then what to do.
const REFUSAL = (file: string): RegExp =>
  new RegExp(
    `^sso-tui: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} was not changed: line [1-9]\\d*: [^\\n]+\\.\\n$`,
  );

async function judge(runs: readonly Run[]): Promise<{ edited: number; refused: number }> {
  const beforePaths = await Promise.all(
    runs.map(async (run, index) => {
      const path = join(folder, `before-${index}`);
      await writeFile(path, run.before);
      return path;
    }),
  );
  const botocore = await readWithBotocore(
    runs.flatMap((run, index) => [
      { path: beforePaths[index]!, kind: run.kind },
      { path: run.file, kind: run.kind },
    ]),
  );
  let edited = 0;
  for (const [index, run] of runs.entries()) {
    if (run.result.code !== 0) {
      // A refusal: one sentence with the file, the line and the reason; the file as it was.
      expect({ label: run.label, stderr: run.result.stderr }).toEqual({
        label: run.label,
        stderr: expect.stringMatching(REFUSAL(run.file)),
      });
      expect({ label: run.label, text: await readFile(run.file, 'utf8') }).toEqual({
        label: run.label,
        text: run.before,
      });
      continue;
    }
    edited += 1;
    const [botoBefore, botoAfter] = [botocore[2 * index]!, botocore[2 * index + 1]!];
    const jsBefore = await readWithJsSdk(beforePaths[index]!, run.kind);
    const jsAfter = await readWithJsSdk(run.file, run.kind);
    const edits = intended(run, botoAfter, botoBefore);
    if (run.command === 'populate')
      expect({ label: run.label, managed: edits.length }).toEqual({
        label: run.label,
        managed: expect.any(Number),
      });
    const problems = [
      ...editViolations('botocore', botoBefore, botoAfter, edits),
      ...editViolations('the JS SDK', jsBefore, jsAfter, edits),
    ];
    expect({ label: run.label, problems }).toEqual({ label: run.label, problems: [] });
  }
  return { edited, refused: runs.length - edited };
}

const botocoreMissing = await whyBotocoreIsMissing();

// The three sets run at once: each mostly waits on the program and python3, two runs at a time.
describe.concurrent('dist/cli.js edits judged by botocore and the AWS SDK for JavaScript', () => {
  const peers = botocoreCases();
  it.skipIf(peers.length === 0 || botocoreMissing !== undefined)(
    botocoreTitle(botocoreCasesTitle(peers, "botocore's own test files"), botocoreMissing),
    async () => {
      const { edited } = await judge(await runAll(peers));
      expect(edited).toBeGreaterThan(0);
    },
    240_000,
  );

  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle(
      'cases modelled on aws-sdk-js-v3 parseIni tests and the issue; those it names as fine are edited',
      botocoreMissing,
    ),
    async () => {
      const runs = await runAll(HAND_CASES);
      await judge(runs);
      for (const run of runs.filter((item) => MUST_EDIT.has(item.label.split(': ')[0]!))) {
        expect({ label: run.label, code: run.result.code, stderr: run.result.stderr }).toMatchObject({
          label: run.label,
          code: 0,
        });
      }
    },
    240_000,
  );

  it.skipIf(botocoreMissing !== undefined)(
    botocoreTitle('generated real-world-shaped files', botocoreMissing),
    async () => {
      const inputs = Array.from({ length: 12 }, (_, seed) => generatedFile(seed + 5000));
      const { edited, refused } = await judge(await runAll(inputs));
      expect(edited).toBeGreaterThan(refused);
    },
    240_000,
  );
});
