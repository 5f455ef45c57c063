import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2eWorld, type E2eWorld } from '../e2e/e2eWorld.js';
import { E2E_TEST_TIMEOUT, startTerminal, type TerminalRig } from '../e2e/terminalRig.js';

const ACCOUNTS = 30;

let world: E2eWorld;
let rig: TerminalRig | undefined;
beforeAll(async () => {
  world = await startE2eWorld({ accounts: ACCOUNTS });
  await world.writeAwsCliToken(8 * 3600);
});
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});
afterAll(async () => {
  await world.close();
});

const roleCalls = (): number => world.simulator.stats.operations.ListAccountRoles ?? 0;

describe('sso-tui list --roles', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('uses the role lists cached by the last listing while fresh, and fetches again with --refresh', async () => {
    world.simulator.resetStats();
    const first = await world.run(['list', '--roles', '--json']);
    expect(first.code).toBe(0);
    expect(roleCalls()).toBe(ACCOUNTS);
    // Nothing on stderr when it is not a terminal: no progress in a script's log.
    expect(first.stderr).toBe('');

    world.simulator.resetStats();
    const second = await world.run(['list', '--roles', '--json']);
    expect(second.stdout).toBe(first.stdout);
    expect(world.simulator.stats.portalCalls).toEqual([]);

    const refreshed = await world.run(['list', '--roles', '--json', '--refresh']);
    expect(refreshed.stdout).toBe(first.stdout);
    expect(roleCalls()).toBe(ACCOUNTS);
  });

  it('shows its progress on stderr when stderr is a terminal, and clears it before the table', async () => {
    const tui = startTerminal({
      args: ['list', '--roles', '--refresh'],
      env: world.programEnv,
      cols: 120,
      rows: 40,
    });
    rig = tui;
    expect(await tui.waitForExit()).toBe(0);
    const output = tui.rawOutput();
    expect(output).toContain(`Listing roles: 1 / ${ACCOUNTS} accounts\r`);
    expect(output).toContain(`Listing roles: ${ACCOUNTS} / ${ACCOUNTS} accounts`);
    // The line is erased before the table starts: nothing of it is left on screen.
    const erase = '\r\u001B[K';
    expect(output.slice(output.lastIndexOf(erase) + erase.length)).toMatch(/^ACCOUNT ID +NAME +ROLE +EMAIL/);
    expect(tui.screenText()).not.toContain('Listing');
  });
});
