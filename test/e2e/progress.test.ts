import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/tempFolders.js';
import { signedInTerminals } from './e2eStage.js';
import { listRows } from './screens.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal } from './terminalRig.js';

const ACCOUNTS = 400;

const fixture = signedInTerminals({ accounts: ACCOUNTS });
afterEach(() => {
  fixture.stage.simulator.faults.latencyMs = 0;
});

describe('role lists loading behind the account list', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('counts them against the total with the time left, and a search says its results are partial', async () => {
    // Slow answers, so the listing (400 calls at about 20 a second) is under way while the test looks.
    fixture.stage.simulator.faults.latencyMs = 150;
    const state = await tempFolder('sso-tui-e2e-state-');
    const tui = startTerminal({
      env: { ...fixture.stage.programEnv, XDG_CONFIG_HOME: join(state, '.config') },
      cols: 100,
      rows: 24,
    });
    fixture.rig = tui;
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

  it('fetches role lists of favorites first, then of the accounts on screen, then of those the query matches', async () => {
    // No latency: each call is answered as it arrives, so the simulator's record is the order asked, and
    // the client's 20 calls a second keep the listing under way for 20 s.
    fixture.stage.simulator.resetStats();
    const accounts = fixture.stage.simulator.organization.accounts;
    // More favorites than the screen has rows: those below the screen come first for being favorites.
    const favorites = accounts.slice(200, 230).map((account) => account.accountId);
    const state = await tempFolder('sso-tui-e2e-state-');
    await mkdir(join(state, '.config', 'sso-tui'), { recursive: true });
    await writeFile(join(state, '.config', 'sso-tui', 'state.json'), JSON.stringify({ favorites }));
    const tui = startTerminal({
      env: { ...fixture.stage.programEnv, XDG_CONFIG_HOME: join(state, '.config') },
      cols: 100,
      rows: 24,
    });
    fixture.rig = tui;
    /** The accounts whose role lists were asked for, in the order asked. */
    const asked = (): string[] =>
      fixture.stage.simulator.stats.portalCalls.flatMap((call) =>
        call.op === 'ListAccountRoles' && call.accountId ? [call.accountId] : [],
      );
    const shownIds = (lines: readonly string[]): string[] =>
      listRows(lines).flatMap((row) => row.match(/\b\d{12}\b/g) ?? []);
    /** Every account shown is asked for within the next few calls after it was shown. */
    const expectAskedSoon = async (shown: readonly string[], askedBefore: number): Promise<void> => {
      await tui.waitForScreen('their role lists asked for', () => shown.every((id) => asked().includes(id)));
      const order = asked();
      // Slack: the accounts the portal client's 8 workers had already taken, and up to 3 s of calls at 20
      // a second before the screen's wish reaches the queue. In the listing's own order these accounts
      // would come hundreds of calls later.
      const within = askedBefore + shown.length + 8 + 60;
      for (const id of shown) expect(order.indexOf(id), id).toBeLessThan(within);
    };

    await tui.waitForText(new RegExp(`roles [1-9]\\d* / ${ACCOUNTS}`), 20_000);
    await expectAskedSoon(favorites, 0);

    // The last rows of the list: far behind where the listing has got to in its own order.
    tui.write('\u001B[F');
    const end = await tui.waitForScreen('the last rows', (lines) => {
      const ids = shownIds(lines);
      return ids.includes(accounts.at(-1)!.accountId) || ids.includes(accounts.at(-2)!.accountId);
    });
    const atEnd = shownIds(end.split('\n')).filter((id) => !favorites.includes(id));
    expect(atEnd.length).toBeGreaterThan(5);
    await expectAskedSoon(atEnd, asked().length);

    // An account in the middle, found by its name.
    const wanted = accounts[300]!;
    tui.write(wanted.accountName);
    const found = await tui.waitForScreen('the account found', (lines) =>
      shownIds(lines).includes(wanted.accountId),
    );
    const matches = [...new Set(shownIds(found.split('\n')))].filter((id) => !asked().includes(id));
    await expectAskedSoon(matches, asked().length);
    expect(asked().length, 'the listing was still under way').toBeLessThan(ACCOUNTS - 50);
    tui.write(KEYS.ctrlC);
    expect(await tui.waitForExit()).toBe(130);
  });
});
