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

describe('portal client after a storm of 429s', () => {
  it('slows down at once and speeds up again by a tenth of a call per second per success', async () => {
    // One fake clock for the budget, the retries and the simulator, so calls per second can be counted.
    let now = Date.parse('2030-01-01T00:00:00Z');
    const advance = async (ms: number) => {
      now += ms;
    };
    simulator = await startSimulator({ accounts: 40, now: () => now });
    client = createPortalClient('us-east-1', { AWS_ENDPOINT_URL_SSO: simulator.url });
    const budget = new RateBudget({ now: () => now, sleep: advance });
    let throttles = 0;
    const portal = new Portal({
      client,
      accessToken: simulator.issueTokens().accessToken,
      budget,
      sleep: advance,
      random: () => 0,
      onThrottled: () => {
        // The storm: the first four calls are refused, then the service answers again.
        if (++throttles === 4) simulator!.faults.throttleEveryNth = 0;
      },
    });
    simulator.faults.throttleEveryNth = 1;
    const accountIds = simulator.organization.accounts.map((account) => account.accountId);
    const roles = await portal.listRolesForAccounts(accountIds, { concurrency: 1 });
    expect(roles.size).toBe(40);

    const calls = simulator.stats.portalCalls;
    expect(calls.map((call) => call.status).slice(0, 5)).toEqual([429, 429, 429, 429, 200]);
    const stormEnd = calls[3]!.at;
    const answered = calls.slice(4).map((call) => call.at);
    // Four throttles a second apart halve 19.5 calls/s four times; each success then adds 0.1 call/s.
    const lowest = 19.5 / 16;
    expect(answered[0]! - stormEnd).toBe(1000);
    for (let k = 0; k < 10; k++) {
      expect(answered[k + 1]! - answered[k]!).toBeCloseTo(1000 / (lowest + 0.1 * k), 2);
    }
    const inFirstFiveSeconds = answered.filter((at) => at <= stormEnd + 5000).length;
    expect(inFirstFiveSeconds).toBe(6);
    expect(budget.currentRate).toBeCloseTo(lowest + 0.1 * 40, 6);
  });
});
