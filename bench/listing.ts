import { createPortalClient } from '../source/services/awsClients.js';
import { Portal } from '../source/services/portal.js';
import { RateBudget } from '../source/services/rateBudget.js';
import { startSimulator, type Simulator } from '../source/simulator/index.js';
import { startOnScreen } from './screenRun.js';
import { createWarmHome } from './warmHome.js';

export interface ColdListing {
  readonly accounts: number;
  readonly latencyMs: number;
  readonly pages: number;
  /** From the first call to the last page, through the portal client. */
  readonly elapsedMs: number;
  /** The program started with a token and no cached lists: spawn to every account counted on screen. */
  readonly onScreenMs: number;
}

export interface RoleListing {
  readonly accounts: number;
  readonly latencyMs: number;
  readonly limitPerSecond: number;
  /** ListAccounts pages and ListAccountRoles calls answered (not counting refused ones). */
  readonly pages: number;
  readonly roleCalls: number;
  /** Calls the simulator refused with 429. */
  readonly throttled: number;
  readonly elapsedMs: number;
  /** (pages + calls) / limit: no client can do better. */
  readonly floorMs: number;
  readonly ratio: number;
}

const REGION = 'eu-west-1';
const LATENCY_MS = 50;
const LIMIT_PER_SECOND = 20;

async function withPortal<T>(
  accounts: number,
  measure: (portal: Portal, simulator: Simulator) => Promise<T>,
): Promise<T> {
  const simulator = await startSimulator({ accounts, seed: 1 });
  const client = createPortalClient(REGION, { AWS_ENDPOINT_URL_SSO: simulator.url });
  try {
    const portal = new Portal({
      client,
      accessToken: simulator.issueTokens().accessToken,
      budget: new RateBudget(),
    });
    return await measure(portal, simulator);
  } finally {
    client.destroy();
    await simulator.close();
  }
}

/**
 * Every account of a 2,000-account organization, 50 ms per call: through the portal client, and in the
 * program itself (a first start after a sign-in, no cached lists) until the screen counts them all.
 */
export async function measureColdListing(cli: string, accounts: number): Promise<ColdListing> {
  const portalFigures = await withPortal(accounts, async (portal, simulator) => {
    simulator.faults.latencyMs = LATENCY_MS;
    let pages = 0;
    const started = performance.now();
    const listed = await portal.listAccounts(() => pages++);
    const elapsedMs = performance.now() - started;
    if (listed.length !== accounts) throw new Error(`Listed ${listed.length} of ${accounts} accounts.`);
    return { pages, elapsedMs };
  });
  const simulator = await startSimulator({ accounts, seed: 1 });
  const home = await createWarmHome(simulator, { cachedLists: false });
  simulator.faults.latencyMs = LATENCY_MS;
  const total = accounts.toLocaleString('en-US');
  try {
    const shown = await startOnScreen(process.execPath, [cli], home.env, (screen) =>
      screen.includes(`${total} / ${total}`),
    );
    await shown.stop();
    return { accounts, latencyMs: LATENCY_MS, ...portalFigures, onScreenMs: shown.elapsedMs };
  } finally {
    await simulator.close();
    await home.remove();
  }
}

/** The accounts and then every account's roles, as the program fetches them, behind the service's rate limit. */
export function measureRoleListing(accounts: number): Promise<RoleListing> {
  return withPortal(accounts, async (portal, simulator) => {
    simulator.faults.latencyMs = LATENCY_MS;
    simulator.faults.maxCallsPerSecond = LIMIT_PER_SECOND;
    const started = performance.now();
    const listed = await portal.listAccounts();
    const roles = await portal.listRolesForAccounts(listed.map((account) => account.accountId));
    const elapsedMs = performance.now() - started;
    if (roles.size !== accounts) throw new Error(`Listed roles of ${roles.size} of ${accounts} accounts.`);
    const answered = (op: string): number =>
      simulator.stats.portalCalls.filter((call) => call.op === op && call.status === 200).length;
    const pages = answered('ListAccounts');
    const roleCalls = answered('ListAccountRoles');
    const floorMs = ((pages + roleCalls) / LIMIT_PER_SECOND) * 1000;
    return {
      accounts,
      latencyMs: LATENCY_MS,
      limitPerSecond: LIMIT_PER_SECOND,
      pages,
      roleCalls,
      throttled: simulator.stats.throttled,
      elapsedMs,
      floorMs,
      ratio: elapsedMs / floorMs,
    };
  });
}
