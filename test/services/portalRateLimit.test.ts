import type { SSOClient } from '@aws-sdk/client-sso';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortalClient } from '../../source/services/awsClients.js';
import { Portal } from '../../source/services/portal.js';
import { RateBudget } from '../../source/services/rateBudget.js';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';

// On the real clock (about 25 s): the rate budget's pacing against the simulator's sliding one-second limit.
// Kept apart from portal.test.ts so mutation testing, which re-runs tests per mutant, can leave it out.
let simulator: Simulator | undefined;
let client: SSOClient | undefined;
afterEach(async () => {
  client?.destroy();
  await simulator?.close();
});

describe('portal client on the real clock', () => {
  it('lists the roles of 400 accounts under a 20-calls-per-second limit with few 429s', async () => {
    simulator = await startSimulator({ accounts: 400 });
    client = createPortalClient('us-east-1', { AWS_ENDPOINT_URL_SSO: simulator.url });
    const { accessToken } = simulator.issueTokens();
    const portal = new Portal({ client, accessToken, budget: new RateBudget() });
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
