import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listCacheFile } from '../../source/services/listCache.js';
import {
  generateOrganization,
  startSimulator,
  type Organization,
  type Simulator,
} from '../../source/simulator/index.js';
import { REGION, SESSION_NAME, START_URL } from '../support/cliStage.js';
import { startE2eStage, type E2eStage } from './e2eStage.js';
import { startPortalGate, type PortalGate } from './portalGate.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

// A bigger organization of the same seed starts with the same accounts: since last time, the first account
// went away and two new ones came.
const grown = generateOrganization({ accounts: 42, seed: 7 });
const lastTime: Organization = { accounts: grown.accounts.slice(0, 40) };
const now: Organization = { accounts: grown.accounts.slice(1) };

let stage: E2eStage;
let lastTimeSimulator: Simulator;
let gate: PortalGate;
const rigs: TerminalRig[] = [];
beforeAll(async () => {
  stage = await startE2eStage({ organization: now });
  lastTimeSimulator = await startSimulator({ organization: lastTime });
  gate = await startPortalGate(stage.simulator.url);
});
afterEach(() => {
  for (const rig of rigs.splice(0)) rig.dispose();
});
afterAll(async () => {
  await gate.close();
  await lastTimeSimulator.close();
  await stage.close();
});

async function quit(rig: TerminalRig): Promise<void> {
  rig.write(KEYS.ctrlC);
  expect(await rig.waitForExit()).toBe(130);
}

describe('a second start', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('shows the cached accounts at once, without a sign-in, and refreshes them in the background', async () => {
    // The program's state folder, as `conf` names it under XDG_CONFIG_HOME.
    const listsFile = listCacheFile(join(stage.programEnv.XDG_CONFIG_HOME!, 'sso-tui'), {
      name: SESSION_NAME,
      startUrl: START_URL,
      region: REGION,
      scopes: [],
    });
    const first = startTerminal({
      env: {
        ...stage.programEnv,
        AWS_ENDPOINT_URL_SSO_OIDC: lastTimeSimulator.url,
        AWS_ENDPOINT_URL_SSO: lastTimeSimulator.url,
      },
    });
    rigs.push(first);
    // The count stands alone once the accounts and every role list are in; then the program keeps the
    // lists for the next start.
    await first.waitForScreen('the lists complete', (lines) => lines.some((line) => line === '40 / 40'));
    await vi.waitFor(() => expect(existsSync(listsFile)).toBe(true), { timeout: 5_000, interval: 20 });
    await quit(first);

    // The token of last time is unknown to today's simulator: a token AWS CLI left in the cache stands in.
    await stage.writeAwsCliToken();
    const second = startTerminal({
      env: { ...stage.programEnv, AWS_ENDPOINT_URL_SSO: gate.url },
      // A fresh cached token: the first frame is the list, with no sign-in and no token check on screen.
      forbidden: /Sign in to|Open this address|Checking the sign-in/,
    });
    rigs.push(second);
    // The portal is held: what shows is the cached list, marked as refreshing.
    const cached = await second.waitForText(/40 \/ 40 +. refreshing/);
    expect(cached).toContain(lastTime.accounts[0]!.accountName);
    gate.open();
    const refreshed = await second.waitForText('2 accounts added, 1 removed since last time.');
    expect(refreshed).toContain('41 / 41');
    expect(refreshed).not.toContain('refreshing');
    expect(refreshed).not.toContain(` ${lastTime.accounts[0]!.accountName} `);
    await quit(second);
    expect(second.violations).toEqual([]);
  });
});
