import { describe, expect, it, vi } from 'vitest';
import { credentialsFor } from './fakeServices.js';
import { KEYS } from './terminal.js';
import { startApp } from './startApp.js';

async function onCredentials() {
  const app = startApp();
  await app.terminal.waitFor('2 / 2');
  app.terminal.press('prod admin');
  await app.terminal.waitFor('payments-prod / AdministratorAccess');
  app.terminal.press(KEYS.enter);
  await app.terminal.waitFor('ASIA11111111');
  return app;
}

const { secretAccessKey, sessionToken } = credentialsFor('111111111111', 'AdministratorAccess');

describe('the credentials screen', () => {
  it('masks the secret key and shortens the session token until `s`', async () => {
    const { terminal } = await onCredentials();
    let frame = terminal.frame();
    expect(frame).toContain('payments-prod (111111111111)');
    expect(frame).not.toContain(secretAccessKey);
    expect(frame).not.toContain(sessionToken);
    expect(frame).toContain('••••••••EKEY');
    terminal.press('s');
    frame = await terminal.waitFor(secretAccessKey);
    expect(frame.replaceAll('\n', '')).toContain(sessionToken.slice(0, 40));
    terminal.press('s');
    await terminal.waitForGone(secretAccessKey);
  });

  it('counts down to the credentials’ expiry and to the renewal of the access token', async () => {
    const { terminal } = await onCredentials();
    const frame = terminal.frame();
    expect(frame).toMatch(/Expires in\s+58m 12s/);
    // An 8-hour token is renewed in the background 15 minutes before it expires.
    expect(frame).toMatch(/Token renews in\s+7h 45m/);
  });

  it('copies the export lines on `c` and opens the console on `o`', async () => {
    const { terminal, calls } = await onCredentials();
    terminal.press('c');
    await terminal.waitFor(
      'Sent the export lines to the terminal with OSC 52 — your terminal must allow it.',
    );
    expect(calls.copied[0]).toContain(`export AWS_SECRET_ACCESS_KEY='${secretAccessKey}'`);
    terminal.press('o');
    await terminal.waitFor(/Open the AWS console at\s+https:\/\/signin\.aws\.amazon\.com\/federation/);
  });

  it('fetches fresh credentials on `r`, goes back on Esc, and quits on `q`', async () => {
    const { terminal, calls } = await onCredentials();
    terminal.press('r');
    await vi.waitFor(() => expect(calls.credentialFetches).toBe(2));
    await terminal.waitFor('ASIA11111111');
    terminal.press(KEYS.escape);
    await terminal.waitFor('› prod admin');
    terminal.press(KEYS.escape);
    // The query line clears at once; the rows follow when React has rendered the deferred search.
    await terminal.waitFor('payments-dev');
    // The role just picked is pinned on top of the empty query; the accounts follow.
    expect(terminal.frame()).toMatch(/› +payments-prod \/ AdministratorAccess/);
    terminal.press(KEYS.end);
    await terminal.waitFor(/› +payments-dev/);
    terminal.press(KEYS.enter);
    await terminal.waitFor('› DeveloperAccess');
    terminal.press(KEYS.enter);
    await terminal.waitFor('ASIA22222222');
    expect(terminal.stdin.listenerCount('readable')).toBeGreaterThan(0);
    terminal.press('q');
    // Ink stops reading the keyboard when the app exits.
    await vi.waitFor(() => expect(terminal.stdin.listenerCount('readable')).toBe(0));
  });

  it('shows a refused fetch as one sentence with a retry', async () => {
    const app = startApp({ failures: new Map([['getCredentials', [new Error('denied')]]]) });
    await app.terminal.waitFor('2 / 2');
    app.terminal.press(KEYS.enter);
    await app.terminal.waitFor('› AdministratorAccess');
    app.terminal.press(KEYS.enter);
    await app.terminal.waitFor('Unexpected error: denied');
    app.terminal.press('r');
    const frame = await app.terminal.waitFor('ASIA11111111');
    expect(frame).toContain('Credentials');
  });
});
