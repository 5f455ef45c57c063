import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION, STAND_IN_BROWSER, START_URL, startCliStage, type CliStage } from '../support/cliStage.js';

const exec = promisify(execFile);

const hasBotocore = await exec('python3', ['-c', 'import botocore'])
  .then(() => true)
  .catch(() => false);

let stage: CliStage;
let configFile: string;
beforeAll(async () => {
  stage = await startCliStage({ accounts: 4 });
  const account = stage.simulator.organization.accounts[2]!;
  configFile = join(stage.home, '.aws', 'config');
  // The config `aws configure sso` wrote before [sso-session] existed: no session section at all.
  await writeFile(
    configFile,
    `[profile legacy]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\n` +
      `sso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\nregion = ${REGION}\n`,
  );
});
afterAll(async () => {
  await stage.close();
});

const legacyCacheFile = (): string =>
  join(stage.home, '.aws', 'sso', 'cache', `${createHash('sha1').update(START_URL).digest('hex')}.json`);

describe('a legacy SSO profile (sso_start_url in the profile, no [sso-session])', () => {
  it('is the session: login fills the cache file keyed by the start URL, and list works', async () => {
    const login = await stage.run(['login'], { BROWSER: `${process.execPath} ${STAND_IN_BROWSER}` });
    expect(login.code).toBe(0);
    const cached = JSON.parse(await readFile(legacyCacheFile(), 'utf8')) as Record<string, string>;
    expect(cached.startUrl).toBe(START_URL);
    const list = await stage.run(['list', '--json', '--sso-session', 'legacy']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(4);
  });

  it('an unknown name lists the legacy profile among the sessions', async () => {
    const result = await stage.run(['list', '--sso-session', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Configured: legacy.');
  });

  const title = hasBotocore
    ? 'botocore reads the same cache file for the profile'
    : 'botocore reads the same cache file for the profile — skipped: python3 with botocore is absent';
  it.skipIf(!hasBotocore)(title, async () => {
    const script =
      'import botocore.session\n' +
      "c = botocore.session.Session(profile='legacy').get_credentials().get_frozen_credentials()\n" +
      'print(c.access_key)\n';
    const { stdout } = await exec('python3', ['-c', script], {
      env: { ...stage.env, AWS_CONFIG_FILE: configFile },
    });
    expect(stdout.trim()).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
  });
});
