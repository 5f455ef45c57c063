import type { SSOClient } from '@aws-sdk/client-sso';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortalClient } from '../../source/services/awsClients.js';
import { ServiceError, SessionExpiredError, UserError } from '../../source/services/errors.js';
import { Portal } from '../../source/services/portal.js';
import { RateBudget } from '../../source/services/rateBudget.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../source/simulator/index.js';

let simulator: Simulator | undefined;
let client: SSOClient | undefined;
afterEach(async () => {
  client?.destroy();
  await simulator?.close();
});

async function portalFor(options: SimulatorOptions, portalOptions: { maxAttempts?: number } = {}) {
  simulator = await startSimulator(options);
  client = createPortalClient('us-east-1', { AWS_ENDPOINT_URL_SSO: simulator.url });
  const { accessToken } = simulator.issueTokens();
  const budget = new RateBudget();
  return {
    simulator,
    budget,
    portal: new Portal({ client, accessToken, budget, ...portalOptions }),
  };
}

describe('portal client', () => {
  it('lists every account across pages, each page as it arrives', async () => {
    const { portal, simulator } = await portalFor({ accounts: 250 });
    const pages: number[] = [];
    const accounts = await portal.listAccounts((page) => pages.push(page.length));
    expect(accounts.map((account) => account.accountId)).toEqual(
      simulator.organization.accounts.map((account) => account.accountId),
    );
    expect(pages).toEqual([100, 100, 50]);
  });

  it('lists roles and fetches the credentials the service issued', async () => {
    const { portal, simulator } = await portalFor({ accounts: 3 });
    const account = simulator.organization.accounts[1]!;
    const roles = await portal.listAccountRoles(account.accountId);
    expect(roles).toEqual(account.roles);
    const credentials = await portal.getRoleCredentials(account.accountId, roles[0]!);
    const issued = simulator.issuedCredentials().at(-1)!;
    expect(credentials).toEqual({
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiration: new Date(issued.expiration),
    });
  });

  it('finishes listing 500 accounts while every other call is throttled', async () => {
    const { portal, simulator } = await portalFor({ accounts: 500 });
    simulator.faults.throttleEveryNth = 2;
    const accounts = await portal.listAccounts();
    expect(new Set(accounts.map((account) => account.accountId)).size).toBe(500);
    expect(simulator.stats.throttled).toBeGreaterThan(0);
  });

  it('rides out 500s from the service', async () => {
    const { portal, simulator } = await portalFor({ accounts: 300 });
    simulator.faults.serverErrorEveryNth = 2;
    expect(await portal.listAccounts()).toHaveLength(300);
    expect(simulator.stats.serverErrors).toBeGreaterThan(0);
  });

  it('gives up after its attempts with a typed error when the service keeps throttling', async () => {
    const { portal, simulator } = await portalFor({ accounts: 5 }, { maxAttempts: 2 });
    simulator.faults.throttleEveryNth = 1;
    const error = await portal.listAccounts().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe('Identity Center kept throttling requests.');
    expect(simulator.stats.throttled).toBe(2);
  });

  it('turns a 401 into SessionExpiredError at once, without retrying', async () => {
    const { portal, simulator } = await portalFor({ accounts: 5 });
    simulator.faults.unauthorized = true;
    await expect(portal.listAccounts()).rejects.toThrow(SessionExpiredError);
    expect(simulator.stats.unauthorized).toBe(1);
  });

  it('says plainly when a role is not granted', async () => {
    const { portal, simulator } = await portalFor({ accounts: 2 });
    const account = simulator.organization.accounts[0]!;
    const error = await portal
      .getRoleCredentials(account.accountId, 'NoSuchRole')
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('Identity Center does not grant you that account or role.');
  });

  it('refuses credentials holding control characters: they would reach shells, JSON and files as they are', async () => {
    const { portal, simulator } = await portalFor({ accounts: 1 });
    simulator.faults.hostileCredentials = true;
    const [account] = simulator.organization.accounts;
    const error = await portal
      .getRoleCredentials(account!.accountId, account!.roles[0]!)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toMatch(/credentials with control characters/);
  });

  it('lists the roles of 400 accounts under a 20-calls-per-second limit with few 429s', async () => {
    const { portal, simulator } = await portalFor({ accounts: 400 });
    simulator.faults.maxCallsPerSecond = 20;
    const accounts = await portal.listAccounts();
    const roles = await portal.listRolesForAccounts(accounts.map((account) => account.accountId));
    const pairs = [...roles.values()].reduce((sum, list) => sum + list.length, 0);
    const expected = simulator.organization.accounts.reduce((sum, account) => sum + account.roles.length, 0);
    expect(roles.size).toBe(400);
    expect(pairs).toBe(expected);
    // "Few": at most one refused call in twenty; the elapsed time is measured by `npm run bench`.
    expect(simulator.stats.throttled).toBeLessThanOrEqual(20);
  }, 60_000);
});
