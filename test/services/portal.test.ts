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
    const error = await portal.listAccounts().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect((error as Error).message).toBe('Your sign-in session has expired or was revoked.');
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

/**
 * A portal on a fake clock: the budget's pauses and the retries' backoff move the clock instead of waiting,
 * and every backoff asked for is recorded.
 */
async function portalOnFakeClock(options: SimulatorOptions, random = () => 1) {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const backoffs: number[] = [];
  simulator = await startSimulator({ ...options, now: () => now });
  client = createPortalClient('us-east-1', { AWS_ENDPOINT_URL_SSO: simulator.url });
  const budget = new RateBudget({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  let throttles = 0;
  const portal = new Portal({
    client,
    accessToken: simulator.issueTokens().accessToken,
    budget,
    random,
    sleep: async (ms) => {
      backoffs.push(ms);
      now += ms;
    },
    onThrottled: () => throttles++,
  });
  return { simulator, budget, portal, backoffs, throttles: () => throttles };
}

describe('portal client retries', () => {
  it('backs off exponentially with full jitter, capped at 8 s, and keeps trying a throttling service 10 times', async () => {
    const { portal, simulator, backoffs, throttles } = await portalOnFakeClock({ accounts: 2 });
    simulator.faults.throttleEveryNth = 1;
    const error = await portal.listAccounts().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      message: 'Identity Center kept throttling requests.',
      hint: 'Wait a minute and try again.',
      cause: expect.objectContaining({ name: 'TooManyRequestsException' }),
    });
    expect(simulator.stats.throttled).toBe(10);
    expect(throttles()).toBe(10);
    // random() is 1: each wait is the whole window, 200 ms · 2^attempt up to 8 s.
    expect(backoffs).toEqual([400, 800, 1600, 3200, 6400, 8000, 8000, 8000, 8000]);
  });

  it('tries a failing service 5 times, without counting its 500s as throttling', async () => {
    const { portal, simulator, budget, throttles } = await portalOnFakeClock({ accounts: 2 });
    simulator.faults.serverErrorEveryNth = 1;
    const error = await portal.listAccounts().catch((failure: unknown) => failure);
    expect(error).toMatchObject({
      message: 'Identity Center kept failing to answer.',
      hint: 'Wait a minute and try again.',
      cause: expect.objectContaining({ name: 'InternalServerException' }),
    });
    expect(simulator.stats.serverErrors).toBe(5);
    expect(throttles()).toBe(0);
    expect(budget.currentRate).toBe(19.5);
  });

  it('tries an unreachable service 3 times and names the network error', async () => {
    const { portal, simulator: closing, backoffs } = await portalOnFakeClock({ accounts: 2 });
    await closing.close();
    simulator = undefined;
    const error = await portal.listAccounts().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      message: 'Could not reach Identity Center (ECONNREFUSED).',
      hint: 'Check the network and the region, then try again.',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
    expect(backoffs).toHaveLength(2);
  });

  it('keeps the service’s refusal as the cause of the error it words', async () => {
    const { portal, simulator } = await portalOnFakeClock({ accounts: 2 });
    const account = simulator.organization.accounts[0]!;
    const notGranted = await portal
      .getRoleCredentials(account.accountId, 'NoSuchRole')
      .catch((e: unknown) => e);
    expect(notGranted).toMatchObject({ cause: expect.objectContaining({ name: 'ForbiddenException' }) });
    const noAccount = await portal.listAccountRoles('000000000000').catch((e: unknown) => e);
    expect(noAccount).toMatchObject({
      message: 'Identity Center does not grant you that account or role.',
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
    simulator.faults.echoTokenInErrors = true;
    const refused = await portal.listAccounts().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({
      message: expect.stringMatching(/^Identity Center refused the request: Request refused for token /),
      cause: expect.objectContaining({ name: 'ValidationException' }),
    });
    expect(simulator.stats.portalCalls).toHaveLength(3);
  });
});

describe('portal client pages and fields', () => {
  it('gives every field of every account, and pages through more than 100 roles of one account', async () => {
    const roles = Array.from({ length: 150 }, (_, i) => `Role${String(i).padStart(3, '0')}`);
    const organization = {
      accounts: [
        { accountId: '111111111111', accountName: 'big', emailAddress: 'big@example.com', roles },
        {
          accountId: '222222222222',
          accountName: 'small',
          emailAddress: 'small@example.com',
          roles: ['Admin'],
        },
      ],
    };
    const { portal, simulator } = await portalOnFakeClock({ organization });
    expect(await portal.listAccounts()).toEqual(
      organization.accounts.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
    );
    simulator.resetStats();
    expect(await portal.listAccountRoles('111111111111')).toEqual(roles);
    expect(simulator.stats.operations).toEqual({ ListAccountRoles: 2 });
  });

  it('refuses an answer without credentials, or missing any of their three parts', async () => {
    const { portal, simulator } = await portalOnFakeClock({ accounts: 1 });
    const account = simulator.organization.accounts[0]!;
    for (const left of ['roleCredentials', 'accessKeyId', 'secretAccessKey', 'sessionToken'] as const) {
      simulator.faults.credentialsWithout = left;
      const error = await portal
        .getRoleCredentials(account.accountId, account.roles[0]!)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as Error).message).toBe(
        `Identity Center returned no credentials for ${account.roles[0]} in ${account.accountId}.`,
      );
    }
  });

  it('leaves out a role without a name', async () => {
    const organization = {
      accounts: [
        { accountId: '111111111111', accountName: 'a', emailAddress: 'a@example.com', roles: ['', 'Admin'] },
      ],
    };
    const { portal } = await portalOnFakeClock({ organization });
    expect(await portal.listAccountRoles('111111111111')).toEqual(['Admin']);
  });

  it('logs out: the token is revoked on the service side', async () => {
    const { portal, simulator } = await portalOnFakeClock({ accounts: 2 });
    await portal.logout();
    expect(simulator.stats.operations).toEqual({ Logout: 1 });
    const error = await portal.listAccounts().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect((error as Error).message).toBe('Your sign-in session has expired or was revoked.');
  });
});
