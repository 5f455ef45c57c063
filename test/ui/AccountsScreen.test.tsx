import { describe, expect, it, vi } from 'vitest';
import { SessionExpiredError } from '../../source/services/errors.js';
import type { FakeBackend } from './fakeServices.js';
import { account, audit, dev, prod, startApp } from './startApp.js';
import { KEYS } from './terminal.js';

/** The organization of startApp, with a third account. */
const start = (backend: Partial<FakeBackend> = {}) => startApp({ accounts: [prod, dev, audit], ...backend });

describe('the accounts screen', () => {
  it('lists the accounts with a count, and filters them as the user types', async () => {
    const { terminal } = start();
    await terminal.waitFor('3 / 3');
    expect(terminal.frame()).toContain('payments-prod');
    expect(terminal.frame()).toContain('111111111111');
    terminal.press('aud');
    const frame = await terminal.waitFor('1 / 3');
    expect(frame).toContain('audit');
    expect(frame).not.toContain('payments-prod');
  });

  it('finds account × role rows once roles are known; Enter on one goes straight to its credentials', async () => {
    const { terminal } = start();
    await terminal.waitFor('3 / 3');
    terminal.press('prod admin');
    await terminal.waitFor('payments-prod / AdministratorAccess');
    terminal.press(KEYS.enter);
    const frame = await terminal.waitFor('ASIA11111111');
    expect(frame).toContain('AdministratorAccess');
  });

  it('opens the roles of the selected account with ↓ and Enter', async () => {
    const { terminal } = start();
    await terminal.waitFor('3 / 3');
    terminal.press(KEYS.down);
    await terminal.waitFor(/› +payments-dev/);
    terminal.press(KEYS.enter);
    const frame = await terminal.waitFor('Roles · payments-dev');
    expect(frame).toContain('DeveloperAccess');
  });

  it('moves with Ctrl-N/Ctrl-P, End and Home', async () => {
    const { terminal } = start();
    await terminal.waitFor('3 / 3');
    terminal.press(KEYS.end);
    await terminal.waitFor(/› +audit/);
    terminal.press(KEYS.home);
    await terminal.waitFor(/› +payments-prod/);
    terminal.press(KEYS.ctrlN);
    await terminal.waitFor(/› +payments-dev/);
    terminal.press(KEYS.ctrlP);
    await terminal.waitFor(/› +payments-prod/);
  });

  it('edits the query: Backspace deletes, Ctrl-U clears, Esc clears, then Esc leaves', async () => {
    const { terminal, calls } = start();
    await terminal.waitFor('3 / 3');
    terminal.press('auditqqq');
    await terminal.waitFor('0 / 3');
    terminal.press(KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await terminal.waitFor('1 / 3');
    terminal.press(KEYS.ctrlU);
    await terminal.waitFor('3 / 3');
    terminal.press('dev');
    await terminal.waitFor('1 / 3');
    terminal.press(KEYS.escape);
    await terminal.waitFor('3 / 3');
    expect(calls.opened).toEqual([]);
  });

  it('stars a favorite with Ctrl-F and shows favorites first on an empty query', async () => {
    const { terminal, state } = start();
    await terminal.waitFor('3 / 3');
    terminal.press(KEYS.end);
    await terminal.waitFor(/› +audit/);
    terminal.press(KEYS.ctrlF);
    const frame = await terminal.waitFor(/★ audit/);
    const lines = frame.split('\n');
    expect(lines.findIndex((line) => line.includes('audit'))).toBeLessThan(
      lines.findIndex((line) => line.includes('payments-prod')),
    );
    await vi.waitFor(() => expect(state.picks.favorites).toEqual([audit.accountId]));
  });

  it('shows the cached list at once, marks the refresh, then notes what changed', async () => {
    const fresh = account('444444444444', 'ledger-prod');
    const { terminal } = start({
      accounts: [prod, dev, fresh],
      cached: { accounts: [prod, dev, audit], roles: new Map() },
    });
    const frame = await terminal.waitFor('1 accounts added, 1 removed');
    expect(frame).toContain('ledger-prod');
    expect(frame).not.toContain('audit');
  });

  it('draws the cached list in its first frame on a warm start, then refreshes it', async () => {
    const { terminal, calls } = startApp(
      { accounts: [prod, dev], roles: new Map() },
      {},
      {
        accounts: [prod, dev, audit],
        roles: new Map(),
      },
    );
    expect(terminal.frame()).toContain('3 / 3');
    expect(terminal.frame()).toContain('audit');
    const frame = await terminal.waitFor('0 accounts added, 1 removed');
    expect(frame).not.toContain('audit');
    // The session's services came with the warm start: no second token check.
    expect(calls.sessions).toEqual([]);
  });

  it('keeps the cached list of a warm start when its token turns out revoked, and signs in again over it', async () => {
    const { terminal } = startApp(
      {
        accounts: [prod, dev],
        roles: new Map(),
        failures: new Map([['listAccounts', [new SessionExpiredError()]]]),
      },
      {},
      { accounts: [prod, dev, audit], roles: new Map() },
    );
    await terminal.waitFor('Your sign-in session has expired');
    // The paste field comes with the sign-in address, a moment after the message.
    await terminal.waitFor('paste here');
    terminal.press('http://127.0.0.1:43123/oauth/callback?code=the-code&state=s', KEYS.enter);
    // Back on the list, which the interrupted refresh now completes.
    const frame = await terminal.waitFor('0 accounts added, 1 removed');
    expect(frame).toContain('2 / 2');
  });

  it('animates while the list is empty, then shows a still mark as the later pages arrive', async () => {
    const many = Array.from({ length: 150 }, (_, index) =>
      account(String(index).padStart(12, '0'), `team-${String(index).padStart(3, '0')}`),
    );
    let release!: () => void;
    const { terminal } = start({
      accounts: many,
      roles: new Map(),
      listingHeld: new Promise((resolve) => (release = resolve)),
    });
    const first = await terminal.waitFor('100 / 100');
    // A spinner would redraw the whole screen a dozen times a second for the rest of the listing.
    expect(first).toContain('↻ listing accounts');
    expect(first).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    release();
    const frame = await terminal.waitFor('150 / 150');
    expect(frame).not.toContain('listing accounts');
  });

  it('refreshes with Ctrl-R', async () => {
    const { terminal, state } = start();
    await terminal.waitFor('3 / 3');
    state.accounts = [prod, dev, audit, account('555555555555', 'search-dev')];
    terminal.press(KEYS.ctrlR);
    const frame = await terminal.waitFor('4 / 4');
    expect(frame).toContain('1 accounts added, 0 removed');
  });

  it('renders only the visible window of 10,000 accounts', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      account(String(index).padStart(12, '0'), `team-${String(index).padStart(5, '0')}`),
    );
    const { terminal } = start({ accounts: many, roles: new Map() });
    const frame = await terminal.waitFor('10,000 / 10,000');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(frame).toContain('team-00000');
    terminal.press(KEYS.pageDown);
    await terminal.waitFor(/› +team-000(1[5-9]|2\d)/);
    terminal.press('team-09999');
    await terminal.waitFor(/› +team-09999/);
  });

  it('shows an error with a retry when the accounts cannot be listed', async () => {
    const { terminal } = start({ failures: new Map([['listAccounts', [new Error('boom')]]]) });
    await terminal.waitFor('Unexpected error: boom');
    terminal.press('r');
    await terminal.waitFor('3 / 3');
  });
});
