import { describe, expect, it } from 'vitest';
import { signedInTerminals } from '../e2e/e2eStage.js';
import { E2E_TEST_TIMEOUT, startTerminal } from '../e2e/terminalRig.js';

const ACCOUNTS = 30;

const fixture = signedInTerminals({ accounts: ACCOUNTS });

const roleCalls = (): number => fixture.stage.simulator.stats.operations.ListAccountRoles ?? 0;

describe('sso-tui list --roles', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('uses the role lists cached by the last listing while fresh, and fetches again with --refresh', async () => {
    fixture.stage.simulator.resetStats();
    const first = await fixture.stage.run(['list', '--roles', '--json']);
    expect(first.code).toBe(0);
    expect(roleCalls()).toBe(ACCOUNTS);
    // Nothing on stderr when it is not a terminal: no progress in a script's log.
    expect(first.stderr).toBe('');

    fixture.stage.simulator.resetStats();
    const second = await fixture.stage.run(['list', '--roles', '--json']);
    expect(second.stdout).toBe(first.stdout);
    expect(fixture.stage.simulator.stats.portalCalls).toEqual([]);

    const refreshed = await fixture.stage.run(['list', '--roles', '--json', '--refresh']);
    expect(refreshed.stdout).toBe(first.stdout);
    expect(roleCalls()).toBe(ACCOUNTS);
  });

  it('shows its progress on stderr when stderr is a terminal, and clears it before the table', async () => {
    const tui = startTerminal({
      args: ['list', '--roles', '--refresh'],
      env: fixture.stage.programEnv,
      cols: 120,
      rows: 40,
    });
    fixture.rig = tui;
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
