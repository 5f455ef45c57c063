import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfigFile } from '../support/awsFileReadings.js';
import { listCacheFile, writeListCache } from '../../source/services/listCache.js';
import { MANAGED_KEY } from '../../source/services/populate/populatePlan.js';
import type { OrganizationAccount } from '../../source/simulator/index.js';
import { REGION, SESSION_NAME, START_URL, startCliStage, type CliStage } from '../support/cliStage.js';

const run = promisify(execFile);
const hasBoto3 = await run('python3', ['-c', 'import boto3'])
  .then(() => true)
  .catch(() => false);

const HAND_WRITTEN =
  `[sso-session ${SESSION_NAME}]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\n` +
  '\n# my own profiles, kept by hand\n' +
  '[profile mine]\n' +
  'region = us-west-2 ; a comment\n' +
  'output = json\n';

let stage: CliStage;
afterEach(async () => {
  await stage.close();
});

async function start(accounts: number): Promise<string> {
  stage = await startCliStage({ accounts });
  await stage.writeAwsCliToken();
  const configFile = join(stage.home, '.aws', 'config');
  await writeFile(configFile, HAND_WRITTEN);
  return configFile;
}

/** Lists as the full screen or an earlier command would have cached them. */
async function cacheLists(accounts: readonly OrganizationAccount[]): Promise<void> {
  const file = listCacheFile(join(stage.home, '.config', 'sso-tui'), {
    name: SESSION_NAME,
    startUrl: START_URL,
    region: REGION,
    scopes: [],
  });
  await writeListCache(file, {
    accounts: accounts.map(({ accountId, accountName, emailAddress }) => ({
      accountId,
      accountName,
      emailAddress,
    })),
    roles: new Map(accounts.map((account) => [account.accountId, account.roles])),
  });
}

function pairCount(accounts: readonly OrganizationAccount[]): number {
  return accounts.reduce((sum, account) => sum + account.roles.length, 0);
}

function managedProfiles(text: string): Map<string, Record<string, string>> {
  return new Map(
    [...readConfigFile(text).profiles].filter(([, values]) => values[MANAGED_KEY] !== undefined),
  );
}

/**
 * Populate over 300 accounts from their cached lists (a listing at the rate limit would take 16 s; the
 * listing itself is tested on a smaller organization). Every profile is compared as each SDK's own reader
 * sees it; credentials are resolved through a sample, as each costs a portal call and an SDK start.
 */
async function populateMany() {
  const configFile = await start(300);
  const { accounts } = stage.simulator.organization;
  await cacheLists(accounts);
  const first = await stage.run(['populate', '--aws-region', 'ap-southeast-2']);
  expect(first.code).toBe(0);
  const text = await readFile(configFile, 'utf8');
  const profiles = managedProfiles(text);
  expect(profiles.size).toBe(pairCount(accounts));
  expect(new Set([...profiles.values()].map((p) => `${p.sso_account_id}/${p.sso_role_name}`)).size).toBe(
    profiles.size,
  );
  const expected = Object.fromEntries(
    [...profiles].map(([name, values]) => [
      name,
      [values.sso_account_id, values.sso_role_name, 'ap-southeast-2'],
    ]),
  );
  const sample = [...profiles.keys()].filter((_, index) => index % 300 === 0);
  return { configFile, text, profiles, expected, sample };
}

describe('sso-tui populate', () => {
  it('lists every role at the rate limit with progress on stderr, writes a profile per pair and caches the lists', async () => {
    const configFile = await start(30);
    const { accounts } = stage.simulator.organization;
    const result = await stage.run(['populate']);
    expect(result.stderr).toContain('Listing roles: 30 / 30 accounts');
    expect(result.code).toBe(0);
    const text = await readFile(configFile, 'utf8');
    expect(text.startsWith(HAND_WRITTEN)).toBe(true);
    const profiles = managedProfiles(text);
    expect(profiles.size).toBe(pairCount(accounts));
    const first = accounts[0]!;
    expect(profiles.get(`${first.accountName}.${first.roles[0]}`)).toEqual({
      sso_session: SESSION_NAME,
      sso_account_id: first.accountId,
      sso_role_name: first.roles[0],
      region: REGION,
      [MANAGED_KEY]: 'true',
    });
    stage.simulator.resetStats();
    const again = await stage.run(['populate', '--dry-run']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('from the cached lists');
    expect(stage.simulator.stats.portalCalls).toEqual([]);
  });

  it('over a few hundred accounts, the JS SDK reads back every profile, and a second run writes no byte', async () => {
    const { configFile, text, profiles, expected, sample } = await populateMany();

    const before = await stat(configFile);
    const backup = await stat(`${configFile}.sso-tui.bak`);
    const second = await stage.run(['populate', '--aws-region', 'ap-southeast-2']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`${profiles.size} up to date`);
    expect(await readFile(configFile, 'utf8')).toBe(text);
    const after = await stat(configFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect((await stat(`${configFile}.sso-tui.bak`)).mtimeMs).toBe(backup.mtimeMs);

    const js = await loadSharedConfigFiles({
      configFilepath: configFile,
      filepath: join(stage.home, 'none'),
    });
    expect(
      Object.fromEntries(
        Object.entries(js.configFile)
          .filter(([, values]) => values[MANAGED_KEY] === 'true')
          .map(([name, values]) => [name, [values.sso_account_id, values.sso_role_name, values.region]]),
      ),
    ).toEqual(expected);
    const saved = { ...process.env };
    Object.assign(process.env, stage.env, { AWS_CONFIG_FILE: configFile });
    try {
      for (const name of sample) {
        const credentials = await fromIni({ profile: name })();
        const issued = stage.simulator.issuedCredentials().at(-1)!;
        expect([issued.accountId, issued.roleName]).toEqual(expected[name]?.slice(0, 2));
        expect(credentials.accessKeyId).toBe(issued.accessKeyId);
      }
    } finally {
      process.env = saved;
    }
  });

  it.skipIf(!hasBoto3)(
    hasBoto3
      ? 'over a few hundred accounts, boto3 reads back every profile'
      : 'over a few hundred accounts, boto3 reads back every profile — skipped: python3 with boto3 is absent',
    async () => {
      const { configFile, expected, sample } = await populateMany();
      const script = [
        'import boto3, json, sys, botocore.session',
        'profiles = botocore.session.Session().full_config["profiles"]',
        'read = {n: [p["sso_account_id"], p["sso_role_name"], p["region"]] for n, p in profiles.items() if p.get("sso_tui_managed") == "true"}',
        'keys = {n: boto3.Session(profile_name=n).get_credentials().get_frozen_credentials().access_key for n in json.loads(sys.argv[1])}',
        'print(json.dumps({"read": read, "keys": keys}))',
      ].join('\n');
      const { stdout } = await run('python3', ['-c', script, JSON.stringify(sample)], {
        env: { ...stage.env, AWS_CONFIG_FILE: configFile },
        maxBuffer: 1 << 24,
      });
      const boto = JSON.parse(stdout) as { read: unknown; keys: Record<string, string> };
      expect(boto.read).toEqual(expected);
      const issued = new Map(stage.simulator.issuedCredentials().map((c) => [c.accessKeyId, c]));
      for (const name of sample) {
        const [accountId, roleName] = expected[name] ?? [];
        expect(issued.get(boto.keys[name] ?? '')).toMatchObject({ accountId, roleName });
      }
    },
  );

  it('keeps hand-written profiles and keys a user added, and reports a name clash and skips it', async () => {
    const configFile = await start(4);
    const { accounts } = stage.simulator.organization;
    const clashing = accounts[1]!;
    const clashName = `${clashing.accountName}.${clashing.roles[0]}`;
    const handWritten = `${HAND_WRITTEN}\n[profile ${clashName}]\nregion = eu-north-1 # mine\n`;
    await writeFile(configFile, handWritten);
    const result = await stage.run(['populate']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Skipped '${clashName}'`);
    const text = await readFile(configFile, 'utf8');
    expect(text.startsWith(handWritten)).toBe(true);
    expect(managedProfiles(text).size).toBe(pairCount(accounts) - 1);

    const ownName = `${accounts[0]!.accountName}.${accounts[0]!.roles[0]}`;
    const withOwnKey = text.replace(
      `[profile ${ownName}]\n`,
      `[profile ${ownName}]\n# my note\ncli_pager =\n`,
    );
    await writeFile(configFile, withOwnKey);
    const again = await stage.run(['populate', '--aws-region', 'us-east-2']);
    expect(again.code).toBe(0);
    const changed = await readFile(configFile, 'utf8');
    expect(changed).toContain(`[profile ${ownName}]\n# my note\ncli_pager =\n`);
    expect(readConfigFile(changed).profiles.get(ownName)?.region).toBe('us-east-2');
    expect(readConfigFile(changed).profiles.get(clashName)).toEqual({ region: 'eu-north-1' });
  });

  it('refuses a session given by start URL alone, as export does: SSO profiles point at an [sso-session]', async () => {
    const configFile = await start(2);
    const byUrl = ['--start-url', START_URL, '--region', REGION];
    for (const argv of [
      ['populate', ...byUrl],
      ['export', '--sso-profile', '--profile', 'p', '--account', 'x', '--role', 'y', ...byUrl],
    ]) {
      const result = await stage.run(argv);
      expect(result.code, argv[0]).toBe(2);
      expect(result.stderr.trim()).toBe(
        'sso-tui: An SSO profile needs an [sso-session] in the AWS config file to point at. ' +
          'Choose one with --sso-session instead of --start-url.',
      );
    }
    expect(await readFile(configFile, 'utf8')).toBe(HAND_WRITTEN);
  });

  it('prunes profiles whose accounts vanished, and prints the plan with --dry-run first', async () => {
    const configFile = await start(6);
    const { accounts } = stage.simulator.organization;
    const vanished: OrganizationAccount = {
      accountId: '999999999999',
      accountName: 'retired',
      emailAddress: 'retired@example.com',
      roles: ['ReadOnly', 'Admin'],
    };
    await cacheLists([...accounts, vanished]);
    expect((await stage.run(['populate'])).code).toBe(0);
    const withVanished = await readFile(configFile, 'utf8');
    expect(managedProfiles(withVanished).has('retired.Admin')).toBe(true);

    const dry = await stage.run(['populate', '--refresh', '--prune', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n').filter(Boolean).sort()).toEqual([
      expect.stringMatching(/^remove +retired\.Admin +Admin in 999999999999$/),
      expect.stringMatching(/^remove +retired\.ReadOnly +ReadOnly in 999999999999$/),
    ]);
    expect(await readFile(configFile, 'utf8')).toBe(withVanished);

    const pruned = await stage.run(['populate', '--prune']);
    expect(pruned.code).toBe(0);
    const text = await readFile(configFile, 'utf8');
    expect(text.startsWith(HAND_WRITTEN)).toBe(true);
    expect([...managedProfiles(text).keys()].filter((name) => name.startsWith('retired'))).toEqual([]);
    expect(managedProfiles(text).size).toBe(pairCount(accounts));
  });

  it('prunes nothing when the listing is cut short by errors, adds what it could and fails', async () => {
    const configFile = await start(5);
    const { accounts } = stage.simulator.organization;
    const vanished: OrganizationAccount = {
      accountId: '999999999999',
      accountName: 'retired',
      emailAddress: '',
      roles: ['Admin'],
    };
    await cacheLists([...accounts, vanished]);
    expect((await stage.run(['populate'])).code).toBe(0);
    const failing = accounts[2]!;
    stage.simulator.faults.failingRoleListings = [failing.accountId];
    const result = await stage.run(['populate', '--refresh', '--prune']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing pruned');
    expect(result.stderr).toMatch(/The roles of 1 of 5 accounts could not be listed/);
    const text = await readFile(configFile, 'utf8');
    expect(managedProfiles(text).has('retired.Admin')).toBe(true);
    expect(managedProfiles(text).has(`${failing.accountName}.${failing.roles[0]}`)).toBe(true);
  });

  it('names profiles from --template and refuses a template it cannot fill', async () => {
    const configFile = await start(3);
    const { accounts } = stage.simulator.organization;
    const result = await stage.run(['populate', '--template', 'sso-{account_id}-{role_name}']);
    expect(result.code).toBe(0);
    const names = [...managedProfiles(await readFile(configFile, 'utf8')).keys()];
    expect(names).toContain(`sso-${accounts[0]!.accountId}-${accounts[0]!.roles[0]}`);
    const bad = await stage.run(['populate', '--template', '{acount}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown placeholder {acount}');
  });
});
