import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_NAME, startCliStage, type CliStage } from '../support/cliStage.js';

const exec = promisify(execFile);
const hasBoto3 = await exec('python3', ['-c', 'import boto3'])
  .then(() => true)
  .catch(() => false);

const HAND_WRITTEN =
  '# my credentials, edited by hand since 2017\r\n' +
  '[default]\r\n' +
  'aws_access_key_id = AKIAOLD\r\n' +
  'aws_secret_access_key = old ; trailing comment\r\n' +
  '\r\n' +
  '[legacy]   # keep me\r\n' +
  'aws_access_key_id=AKIALEGACY\r\n' +
  'aws_secret_access_key=legacy\r\n';

let stage: CliStage;
let credentialsFile: string;
let configFile: string;
beforeEach(async () => {
  stage = await startCliStage({ accounts: 4 });
  await stage.writeAwsCliToken();
  credentialsFile = join(stage.home, '.aws', 'credentials');
  configFile = join(stage.home, '.aws', 'config');
});
afterEach(async () => {
  await stage.close();
});

const account = () => stage.simulator.organization.accounts[2]!;
const exportArgs = (profile: string, ...more: string[]) => [
  'export',
  '--account',
  account().accountId,
  '--role',
  account().roles[0]!,
  '--profile',
  profile,
  ...more,
];

describe('sso-tui export (static credentials)', () => {
  it('appends [P] with the issued credentials and leaves every other byte, keeping a backup', async () => {
    await writeFile(credentialsFile, HAND_WRITTEN, { mode: 0o600 });
    const result = await stage.run(exportArgs('dev'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Wrote the profile 'dev'`);
    const issued = stage.simulator.issuedCredentials().at(-1)!;
    expect(await readFile(credentialsFile, 'utf8')).toBe(
      HAND_WRITTEN +
        '\r\n[dev]\r\n' +
        `aws_access_key_id = ${issued.accessKeyId}\r\n` +
        `aws_secret_access_key = ${issued.secretAccessKey}\r\n` +
        `aws_session_token = ${issued.sessionToken}\r\n`,
    );
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(`${credentialsFile}.sso-tui.bak`, 'utf8')).toBe(HAND_WRITTEN);
    const resolved = await fromIni({
      profile: 'dev',
      filepath: credentialsFile,
      configFilepath: configFile,
    })();
    expect(resolved).toMatchObject({ accessKeyId: issued.accessKeyId, sessionToken: issued.sessionToken });
    expect(result.stderr).not.toContain(issued.secretAccessKey);
  });

  it('creates the file with mode 0600 when there is none', async () => {
    expect((await stage.run(exportArgs('fresh'))).code).toBe(0);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
  });

  it('refuses to replace an existing profile without --force, touching nothing', async () => {
    await writeFile(credentialsFile, HAND_WRITTEN, { mode: 0o600 });
    const result = await stage.run(exportArgs('legacy'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `sso-tui: The profile 'legacy' already exists in ${credentialsFile}. Pass --force to replace it.\n`,
    );
    expect(await readFile(credentialsFile, 'utf8')).toBe(HAND_WRITTEN);
    const forced = await stage.run(exportArgs('legacy', '--force'));
    expect(forced.code).toBe(0);
    const text = await readFile(credentialsFile, 'utf8');
    expect(
      text.startsWith(HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('[legacy]')) + '[legacy]   # keep me\r\n'),
    ).toBe(true);
    expect(text).toContain(
      `aws_access_key_id = ${stage.simulator.issuedCredentials().at(-1)!.accessKeyId}\r\n`,
    );
  });

  it('refuses a malformed target section with its line number and changes nothing', async () => {
    const broken = '[default]\naws_access_key_id = A\n\n[dev]\nthis line has no equals sign\n';
    await writeFile(credentialsFile, broken, { mode: 0o600 });
    const result = await stage.run(exportArgs('dev', '--force'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 5/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(credentialsFile, 'utf8')).toBe(broken);
  });

  it('with a revoked token says so in one line and touches no file', async () => {
    await writeFile(credentialsFile, HAND_WRITTEN, { mode: 0o600 });
    stage.simulator.faults.unauthorized = true;
    const result = await stage.run(exportArgs('dev'));
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      'sso-tui: Your sign-in session has expired or was revoked. Run `sso-tui login`.\n',
    );
    expect(await readFile(credentialsFile, 'utf8')).toBe(HAND_WRITTEN);
  });

  it('refuses a profile name the SDKs cannot read back', async () => {
    const result = await stage.run(exportArgs('bad]name'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sso-tui export --sso-profile', () => {
  it('writes [profile P] pointing at the session, which fromIni resolves through the cache', async () => {
    const before = await readFile(configFile, 'utf8');
    const result = await stage.run(exportArgs('app', '--sso-profile'), { AWS_REGION: 'eu-central-1' });
    expect(result.code).toBe(0);
    expect(await readFile(configFile, 'utf8')).toBe(
      before +
        '\n[profile app]\n' +
        `sso_session = ${SESSION_NAME}\n` +
        `sso_account_id = ${account().accountId}\n` +
        `sso_role_name = ${account().roles[0]}\n` +
        'region = eu-central-1\n',
    );
    const saved = { ...process.env };
    Object.assign(process.env, stage.env);
    try {
      const resolved = await fromIni({
        profile: 'app',
        filepath: credentialsFile,
        configFilepath: configFile,
      })();
      expect(resolved.accessKeyId).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
    } finally {
      process.env = saved;
    }
  });

  it.skipIf(!hasBoto3)(
    `writes [profile P] that boto3 resolves through the cache${hasBoto3 ? '' : ' — skipped: python3 with boto3 is not installed'}`,
    async () => {
      const result = await stage.run(exportArgs('app', '--sso-profile'));
      expect(result.code).toBe(0);
      const { stdout } = await exec(
        'python3',
        [
          '-c',
          "import boto3; print(boto3.Session(profile_name='app').get_credentials().get_frozen_credentials().access_key)",
        ],
        { env: { ...stage.env, AWS_CONFIG_FILE: configFile } },
      );
      expect(stdout.trim()).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
    },
  );

  it('drops sso_start_url and sso_region from a replaced legacy profile, keeping its other keys', async () => {
    await writeFile(
      configFile,
      (await readFile(configFile, 'utf8')) +
        '\n[profile old]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-west-2\noutput = json\n',
    );
    const result = await stage.run(exportArgs('old', '--sso-profile', '--force'));
    expect(result.code).toBe(0);
    const text = await readFile(configFile, 'utf8');
    const section = text.slice(text.indexOf('[profile old]'));
    expect(section).not.toMatch(/sso_start_url|sso_region/);
    expect(section).toContain('output = json\n');
    expect(section).toContain(`sso_session = ${SESSION_NAME}\n`);
  });
});
