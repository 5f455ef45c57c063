import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCredentialsFile } from '../support/awsFileReadings.js';
import { BUNDLE, STAND_IN_BROWSER, startCliStage, type CliStage } from '../support/cliStage.js';
import { tempFolder } from '../support/tempFolders.js';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built program as a user would, with no terminal on stdin. */
function runBundle(argv: readonly string[], env: Record<string, string>): Promise<Outcome> {
  return runProgram(process.execPath, [BUNDLE, ...argv], env);
}

function runProgram(file: string, argv: readonly string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(file, argv, { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

const hasBoto3 =
  (await runProgram('python3', ['-c', 'import boto3'], { PATH: process.env.PATH ?? '' })).code === 0;

let stage: CliStage;
beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  stage = await startCliStage({ accounts: 12 });
});
afterAll(async () => {
  await stage.close();
});

describe('the built program', () => {
  it('prints its version and help', async () => {
    const version = await runBundle(['--version'], stage.env);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await runBundle(['--help'], stage.env);
    expect(help.stdout).toContain('sso-tui login [--device-code] [--no-browser]');
  });

  it('loads the simulator of the demo only for --demo, not with every start', async () => {
    const entry = await readFile(BUNDLE, 'utf8');
    expect(entry).toContain('import("./chunks/');
    expect(entry).not.toMatch(/node:http|createServer/);
  });

  it('answers bad usage with one line and exit code 2', async () => {
    const outcome = await runBundle(['list', '--nope'], stage.env);
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^sso-tui: [^\n]+\n$/) });
  });

  it('signs in and lists accounts against the simulator, with no SDK warning on stderr', async () => {
    const login = await runBundle(['login'], {
      ...stage.env,
      BROWSER: `${process.execPath} ${STAND_IN_BROWSER}`,
    });
    expect(login.code).toBe(0);
    expect(login.stderr).not.toMatch(/Warning/);
    const list = await runBundle(['list', '--roles', '--json'], stage.env);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe('');
    const pairs = JSON.parse(list.stdout) as { accountId: string; roleName: string }[];
    const expected = stage.simulator.organization.accounts.flatMap((account) =>
      account.roles.map((roleName) => ({ accountId: account.accountId, roleName })),
    );
    expect(pairs.map(({ accountId, roleName }) => ({ accountId, roleName }))).toEqual(expected);
  });

  it('lets 20 concurrent exports to 20 profiles of one file all land, losing nothing', async () => {
    await stage.writeAwsCliToken();
    const credentialsFile = join(stage.home, '.aws', 'credentials');
    await writeFile(credentialsFile, '# hand-written\n[keep]\naws_access_key_id = AKIAKEEP\n', {
      mode: 0o600,
    });
    const account = stage.simulator.organization.accounts[0]!;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        runBundle(
          ['export', '--account', account.accountId, '--role', account.roles[0]!, '--profile', `p${index}`],
          stage.env,
        ),
      ),
    );
    expect(outcomes.map((outcome) => outcome.code)).toEqual(Array(20).fill(0));
    const profiles = readCredentialsFile(await readFile(credentialsFile, 'utf8'));
    expect([...profiles.keys()].sort()).toEqual(
      ['keep', ...Array.from({ length: 20 }, (_, i) => `p${i}`)].sort(),
    );
    expect(profiles.get('keep')).toEqual({ aws_access_key_id: 'AKIAKEEP' });
  }, 60_000);

  /** A [profile cp] whose credential_process runs the built program (the stage is shared: added once). */
  async function credentialProcessProfile(): Promise<string> {
    await stage.writeAwsCliToken();
    const account = stage.simulator.organization.accounts[1]!;
    const configFile = join(stage.home, '.aws', 'config');
    if ((await readFile(configFile, 'utf8')).includes('[profile cp]')) return configFile;
    await appendFile(
      configFile,
      `\n[profile cp]\ncredential_process = ${process.execPath} ${BUNDLE} credential-process ` +
        `--account ${account.accountId} --role ${account.roles[0]}\n`,
    );
    return configFile;
  }

  it('serves credential_process to the JS SDK', async () => {
    const configFile = await credentialProcessProfile();
    const saved = { ...process.env };
    Object.assign(process.env, stage.env);
    try {
      const resolved = await fromIni({ profile: 'cp', configFilepath: configFile })();
      expect(resolved.accessKeyId).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
      expect(resolved.expiration?.getTime()).toBeGreaterThan(Date.now());
    } finally {
      process.env = saved;
    }
  });

  it.skipIf(!hasBoto3)(
    `serves credential_process to boto3${hasBoto3 ? '' : ' — skipped: python3 with boto3 is not installed'}`,
    async () => {
      const configFile = await credentialProcessProfile();
      const boto3 = await runProgram(
        'python3',
        [
          '-c',
          "import boto3; print(boto3.Session(profile_name='cp').get_credentials().get_frozen_credentials().access_key)",
        ],
        { ...stage.env, AWS_CONFIG_FILE: configFile },
      );
      expect(boto3.stdout.trim()).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
    },
  );

  it('runs --demo on a headless machine without touching the real home', async () => {
    const home = await tempFolder('sso-tui-demo-home-');
    // The demo's sandbox in a temp folder of this test's (not the one shared with other test files).
    const temp = await tempFolder('sso-tui-demo-tmp-');
    const outcome = await runBundle(['--demo', 'list', '--json'], {
      PATH: process.env.PATH ?? '',
      HOME: home,
      TMPDIR: temp,
    });
    // The demo keeps its sandbox for the user to look into; the test does not.
    const sandbox = /files in (\S*sso-tui-demo-\w+)/.exec(outcome.stderr)?.[1];
    if (sandbox) await rm(sandbox, { recursive: true, force: true });
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toHaveLength(2_500);
    expect(sandbox?.startsWith(temp)).toBe(true);
    expect(await readdir(home)).toEqual([]);
  });
});
