import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCacheFile, writeListCache } from '../../source/services/listCache.js';
import type { SimulatorOptions } from '../../source/simulator/index.js';
import { REGION, SESSION_NAME, START_URL, startCliWorld, type CliWorld } from '../support/cliWorld.js';

let world: CliWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function signedInWorld(options: SimulatorOptions = {}): Promise<CliWorld> {
  world = await startCliWorld({ accounts: 5, ...options });
  await world.writeAwsCliToken();
  world.simulator.resetStats();
  return world;
}

function roleArgs(world: CliWorld, account?: string): string[] {
  const target = world.simulator.organization.accounts[1]!;
  return ['credential-process', '--account', account ?? target.accountId, '--role', target.roles[0]!];
}

function accessKeyOf(stdout: string): string {
  return (JSON.parse(stdout) as { AccessKeyId: string }).AccessKeyId;
}

const stateFolder = (world: CliWorld): string => join(world.home, '.config', 'sso-tui');

async function cachedFiles(world: CliWorld): Promise<string[]> {
  const root = join(stateFolder(world), 'credentials');
  const sessions = await readdir(root).catch(() => [] as string[]);
  const files = await Promise.all(
    sessions.map(async (folder) =>
      (await readdir(join(root, folder))).map((name) => join(root, folder, name)),
    ),
  );
  return files.flat();
}

const getRoleCredentialsCalls = (world: CliWorld): number =>
  world.simulator.stats.portalCalls.filter((call) => call.op === 'GetRoleCredentials').length;

describe('credential-process answers from its cache', () => {
  it('reuses credentials that are good for more than 15 minutes, with no portal call', async () => {
    const world = await signedInWorld({ credentialLifetimeSeconds: 3600 });
    const first = await world.run(roleArgs(world));
    const second = await world.run(roleArgs(world));
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(accessKeyOf(second.stdout)).toBe(accessKeyOf(first.stdout));
    expect(getRoleCredentialsCalls(world)).toBe(1);
    const [file, ...others] = await cachedFiles(world);
    expect(others).toEqual([]);
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    expect((await stat(join(file!, '..'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(file!, '..', '..'))).mode & 0o777).toBe(0o700);
  });

  it('fetches again credentials within 15 minutes of their expiry', async () => {
    const world = await signedInWorld({ credentialLifetimeSeconds: 14 * 60 });
    const first = await world.run(roleArgs(world));
    const second = await world.run(roleArgs(world));
    expect(accessKeyOf(second.stdout)).not.toBe(accessKeyOf(first.stdout));
    expect(getRoleCredentialsCalls(world)).toBe(2);
  });

  it('fetches with --no-cache', async () => {
    const world = await signedInWorld();
    await world.run(roleArgs(world));
    const bypassed = await world.run([...roleArgs(world), '--no-cache']);
    expect(bypassed.code).toBe(0);
    expect(accessKeyOf(bypassed.stdout)).toBe(world.simulator.issuedCredentials().at(-1)!.accessKeyId);
    expect(getRoleCredentialsCalls(world)).toBe(2);
  });

  it('shares one fetch between 30 processes started together', async () => {
    const world = await signedInWorld();
    const results = await Promise.all(Array.from({ length: 30 }, () => world.run(roleArgs(world))));
    expect(results.map((result) => result.code)).toEqual(Array(30).fill(0));
    expect(new Set(results.map((result) => accessKeyOf(result.stdout))).size).toBe(1);
    expect(getRoleCredentialsCalls(world)).toBe(1);
  }, 120_000);

  it('finds an account by name in fresh cached lists, with no list call', async () => {
    const world = await signedInWorld();
    const { accounts } = world.simulator.organization;
    const session = { name: SESSION_NAME, startUrl: START_URL, region: REGION, scopes: [] };
    await writeListCache(listCacheFile(stateFolder(world), session), {
      accounts: accounts.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
      roles: new Map(accounts.map((account) => [account.accountId, account.roles])),
    });
    const byName = await world.run(roleArgs(world, accounts[1]!.accountName.toUpperCase()));
    expect(byName.code).toBe(0);
    expect(world.simulator.stats.portalCalls.map((call) => call.op)).toEqual(['GetRoleCredentials']);
    const byId = await world.run(roleArgs(world));
    expect(accessKeyOf(byId.stdout)).toBe(accessKeyOf(byName.stdout));
    expect(getRoleCredentialsCalls(world)).toBe(1);
  });

  it('is counted by status', async () => {
    const world = await signedInWorld();
    await world.run(roleArgs(world));
    const status = await world.run(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      sessions: [{ session: SESSION_NAME, cachedCredentials: 1 }],
    });
  });

  it('is emptied for the session by logout', async () => {
    const world = await signedInWorld();
    await world.run(roleArgs(world));
    expect(await cachedFiles(world)).toHaveLength(1);
    expect((await world.run(['logout'])).code).toBe(0);
    expect(await cachedFiles(world)).toEqual([]);
  });
});
