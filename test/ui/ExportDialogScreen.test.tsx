import { describe, expect, it, vi } from 'vitest';
import { KEYS } from './terminal.js';
import { prod, startApp } from './startApp.js';
import type { FakeBackend } from './fakeServices.js';
import type { AppProps } from '../../source/ui/App.js';

async function openDialog(
  backend: Partial<FakeBackend> = {},
  props: Partial<Omit<AppProps, 'services'>> = {},
) {
  const app = startApp(backend, props);
  await app.terminal.waitFor('2 / 2');
  app.terminal.press('prod admin');
  await app.terminal.waitFor('payments-prod / AdministratorAccess');
  app.terminal.press(KEYS.enter);
  await app.terminal.waitFor('ASIA11111111');
  app.terminal.press('e');
  await app.terminal.waitFor('Profile name:');
  return app;
}

describe('the export dialog', () => {
  // The export service here is a fake: the file write itself is tested on dist/cli.js in test/cli/export.test.ts.
  it('proposes a name made from account and role, asks the export service for static credentials on Enter, and shows its answer', async () => {
    const { terminal, calls, state } = await openDialog();
    expect(terminal.frame()).toContain('payments-prod.AdministratorAccess');
    expect(terminal.frame()).toContain('(•) static credentials');
    terminal.press(KEYS.enter);
    await terminal.waitFor(
      /Wrote the profile payments-prod.AdministratorAccess to\s+\/home\/u\/\.aws\/credentials/,
    );
    expect(calls.exports[0]).toMatchObject({
      target: 'static',
      profile: 'payments-prod.AdministratorAccess',
    });
    await vi.waitFor(() =>
      expect(state.picks.profileNames[`${prod.accountId}/AdministratorAccess`]).toBe(
        'payments-prod.AdministratorAccess',
      ),
    );
    terminal.press(KEYS.enter);
    await terminal.waitFor('ASIA11111111');
  });

  it('proposes the --profile value, switches to an SSO profile on Tab, and takes a typed name', async () => {
    const { terminal, calls } = await openDialog({}, { profile: 'work' });
    expect(terminal.frame()).toContain('Profile name: work');
    terminal.press(KEYS.tab);
    await terminal.waitFor('(•) SSO profile');
    terminal.press(KEYS.backspace, KEYS.backspace, 'rk-admin');
    await terminal.waitFor('Profile name: work-admin');
    terminal.press(KEYS.enter);
    await terminal.waitFor(/Wrote the profile work-admin to\s+\/home\/u\/\.aws\/config/);
    expect(calls.exports[0]).toMatchObject({ target: 'sso', profile: 'work-admin', force: false });
  });

  it('asks before replacing an existing profile: n keeps it, y replaces it', async () => {
    const { terminal, calls } = await openDialog({
      existingProfiles: new Set(['/home/u/.aws/credentials:payments-prod.AdministratorAccess']),
    });
    terminal.press(KEYS.enter);
    await terminal.waitFor('exists. Replace it? (y/n)');
    terminal.press('n');
    await terminal.waitForGone('Replace it?');
    expect(calls.exports).toEqual([]);
    terminal.press(KEYS.enter);
    await terminal.waitFor('Replace it? (y/n)');
    terminal.press('y');
    await terminal.waitFor('Wrote the profile');
    expect(calls.exports[0]).toMatchObject({ force: true });
  });

  it('refuses a name with a space and says why', async () => {
    const { terminal, calls } = await openDialog();
    terminal.press(' x', KEYS.enter);
    await terminal.waitFor('cannot be used as a profile name');
    expect(calls.exports).toEqual([]);
    terminal.press(KEYS.escape);
    await terminal.waitFor('ASIA11111111');
  });
});
