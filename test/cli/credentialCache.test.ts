import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCacheFile, writeListCache } from '../../source/services/listCache.js';
import type { SimulatorOptions } from '../../source/simulator/index.js';
import { REGION, SESSION_NAME, START_URL, startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage | undefined;
afterEach(async () => {
  await stage?.close();
  stage = undefined;
});

async function signedInStage(options: SimulatorOptions = {}): Promise<CliStage> {
  stage = await startCliStage({ accounts: 5, ...options });
  await stage.writeAwsCliToken();
  stage.simulator.resetStats();
  return stage;
}

function roleArgs(stage: CliStage, account?: string): string[] {
  const target = stage.simulator.organization.accounts[1]!;
  return ['credential-process', '--account', account ?? target.accountId, '--role', target.roles[0]!];
}

function accessKeyOf(stdout: string): string {
  return (JSON.parse(stdout) as { AccessKeyId: string }).AccessKeyId;
}

const stateFolder = (stage: CliStage): string => join(stage.home, '.config', 'sso-tui');

async function cachedFiles(stage: CliStage): Promise<string[]> {
  const root = join(stateFolder(stage), 'credentials');
  const sessions = await readdir(root).catch(() => [] as string[]);
  const files = await Promise.all(
    sessions.map(async (folder) =>
      (await readdir(join(root, folder))).map((name) => join(root, folder, name)),
    ),
  );
  return files.flat();
}

const getRoleCredentialsCalls = (stage: CliStage): number =>
  stage.simulator.stats.portalCalls.filter((call) => call.op === 'GetRoleCredentials').length;

describe('credential-process answers from its cache', () => {
  it('reuses credentials that are good for more than 15 minutes, with no portal call', async () => {
    const stage = await signedInStage({ credentialLifetimeSeconds: 3600 });
    const first = await stage.run(roleArgs(stage));
    const second = await stage.run(roleArgs(stage));
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(accessKeyOf(second.stdout)).toBe(accessKeyOf(first.stdout));
    expect(getRoleCredentialsCalls(stage)).toBe(1);
    const [file, ...others] = await cachedFiles(stage);
    expect(others).toEqual([]);
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    expect((await stat(join(file!, '..'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(file!, '..', '..'))).mode & 0o777).toBe(0o700);
  });

  it('fetches again credentials within 15 minutes of their expiry', async () => {
    const stage = await signedInStage({ credentialLifetimeSeconds: 14 * 60 });
    const first = await stage.run(roleArgs(stage));
    const second = await stage.run(roleArgs(stage));
    expect(accessKeyOf(second.stdout)).not.toBe(accessKeyOf(first.stdout));
    expect(getRoleCredentialsCalls(stage)).toBe(2);
  });

  it('fetches with --no-cache', async () => {
    const stage = await signedInStage();
    await stage.run(roleArgs(stage));
    const bypassed = await stage.run([...roleArgs(stage), '--no-cache']);
    expect(bypassed.code).toBe(0);
    expect(accessKeyOf(bypassed.stdout)).toBe(stage.simulator.issuedCredentials().at(-1)!.accessKeyId);
    expect(getRoleCredentialsCalls(stage)).toBe(2);
  });

  it('shares one fetch between 30 processes started together', async () => {
    const stage = await signedInStage();
    const results = await Promise.all(Array.from({ length: 30 }, () => stage.run(roleArgs(stage))));
    expect(results.map((result) => result.code)).toEqual(Array(30).fill(0));
    expect(new Set(results.map((result) => accessKeyOf(result.stdout))).size).toBe(1);
    expect(getRoleCredentialsCalls(stage)).toBe(1);
  }, 120_000);

  it('finds an account by name in fresh cached lists, with no list call', async () => {
    const stage = await signedInStage();
    const { accounts } = stage.simulator.organization;
    const session = { name: SESSION_NAME, startUrl: START_URL, region: REGION, scopes: [] };
    await writeListCache(listCacheFile(stateFolder(stage), session), {
      accounts: accounts.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
      roles: new Map(accounts.map((account) => [account.accountId, account.roles])),
    });
    const byName = await stage.run(roleArgs(stage, accounts[1]!.accountName.toUpperCase()));
    expect(byName.code).toBe(0);
    expect(stage.simulator.stats.portalCalls.map((call) => call.op)).toEqual(['GetRoleCredentials']);
    const byId = await stage.run(roleArgs(stage));
    expect(accessKeyOf(byId.stdout)).toBe(accessKeyOf(byName.stdout));
    expect(getRoleCredentialsCalls(stage)).toBe(1);
  });

  it('is counted by status', async () => {
    const stage = await signedInStage();
    await stage.run(roleArgs(stage));
    const status = await stage.run(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      sessions: [{ session: SESSION_NAME, cachedCredentials: 1 }],
    });
  });

  it('is emptied for the session by logout', async () => {
    const stage = await signedInStage();
    await stage.run(roleArgs(stage));
    expect(await cachedFiles(stage)).toHaveLength(1);
    expect((await stage.run(['logout'])).code).toBe(0);
    expect(await cachedFiles(stage)).toEqual([]);
  });
});
