import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/tempFolders.js';
import { startE2eWorld, type E2eWorld } from './e2eWorld.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

const ACCOUNTS = 400;

let world: E2eWorld;
let rig: TerminalRig | undefined;
beforeAll(async () => {
  world = await startE2eWorld({ accounts: ACCOUNTS });
  await world.writeAwsCliToken(8 * 3600);
});
afterEach(() => {
  world.simulator.faults.latencyMs = 0;
  rig?.dispose();
  rig = undefined;
});
afterAll(async () => {
  await world.close();
});

describe('role lists loading behind the account list', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('counts them against the total with the time left, and a search says its results are partial', async () => {
    // Slow answers, so the listing (400 calls at about 20 a second) is under way while the test looks.
    world.simulator.faults.latencyMs = 150;
    const state = await tempFolder('sso-tui-e2e-state-');
    const tui = startTerminal({
      env: { ...world.programEnv, XDG_CONFIG_HOME: join(state, '.config') },
      cols: 100,
      rows: 24,
    });
    rig = tui;
    const counted = await tui.waitForText(
      new RegExp(`roles \\d+ / ${ACCOUNTS} · (\\d+m )?\\d+s left`),
      20_000,
    );
    expect(counted).toContain(`${ACCOUNTS} / ${ACCOUNTS}`);
    tui.write('prod');
    await tui.waitForText('› prod');
    await tui.waitForText('results partial until roles are in');
    tui.write(KEYS.ctrlC);
    expect(await tui.waitForExit()).toBe(130);
  });
});
