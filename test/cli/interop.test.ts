import { execFile } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromSSO } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_NAME, STAND_IN_BROWSER, startCliStage, type CliStage } from '../support/cliStage.js';

const run = promisify(execFile);

const hasBoto3 = await run('python3', ['-c', 'import boto3'])
  .then(() => true)
  .catch(() => false);

let stage: CliStage;
beforeAll(async () => {
  stage = await startCliStage({ accounts: 5 });
  const login = await stage.run(['login'], { BROWSER: `${process.execPath} ${STAND_IN_BROWSER}` });
  expect(login.code).toBe(0);
  const account = stage.simulator.organization.accounts[2]!;
  await appendFile(
    join(stage.home, '.aws', 'config'),
    `\n[profile interop]\nsso_session = ${SESSION_NAME}\nsso_account_id = ${account.accountId}\n` +
      `sso_role_name = ${account.roles[0]}\nregion = eu-west-1\n`,
  );
});
afterAll(async () => {
  await stage.close();
});

describe('a token sso-tui wrote is accepted by clients we did not write', () => {
  const boto3Title = hasBoto3
    ? 'boto3 resolves an sso profile through it'
    : 'boto3 resolves an sso profile through it — skipped: python3 with boto3 is absent';
  it.skipIf(!hasBoto3)(boto3Title, async () => {
    const script =
      'import boto3\n' +
      "c = boto3.Session(profile_name='interop').get_credentials().get_frozen_credentials()\n" +
      'print(c.access_key)\n';
    const { stdout } = await run('python3', ['-c', script], {
      env: { ...stage.env, AWS_CONFIG_FILE: join(stage.home, '.aws', 'config') },
    });
    const issued = stage.simulator.issuedCredentials();
    expect(issued).toHaveLength(1);
    expect(stdout.trim()).toBe(issued[0]!.accessKeyId);
  });

  it("the JS SDK's fromSSO resolves an sso profile through it", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, stage.env, { AWS_CONFIG_FILE: join(stage.home, '.aws', 'config') });
    try {
      const credentials = await fromSSO({ profile: 'interop' })();
      expect(credentials.accessKeyId).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
    } finally {
      process.env = saved;
    }
  });
});
