import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInFailedError, SessionExpiredError } from '../../source/services/errors.js';
import { applyHyperlinkPreference } from '../../source/ui/hyperlinks.js';
import { KEYS } from './terminal.js';
import { startApp } from './startApp.js';

afterEach(() => {
  cleanup();
  applyHyperlinkPreference({ TERM: 'dumb' });
});

const callback = 'http://127.0.0.1:43123/oauth/callback?code=the-code&state=s';

describe('the sign-in screen', () => {
  it('shows the full URL, opens it, says the browser is unavailable, and shows the time left', async () => {
    const { terminal, calls } = startApp({ signIn: undefined });
    const frame = await terminal.waitFor('No browser here');
    expect(frame).toContain('code_challenge=abc');
    expect(frame).toContain('time left 10m 00s');
    expect(calls.opened).toHaveLength(1);
    expect(calls.opened[0]).toContain('/authorize?response_type=code');
  });

  it('writes the URL as one line, a hyperlink to itself, except on a dumb terminal', async () => {
    applyHyperlinkPreference({ TERM: 'xterm-256color' });
    const { terminal, calls } = startApp({ signIn: undefined });
    const frame = await terminal.waitFor('No browser here');
    const url = calls.opened[0]!;
    // One line, longer than the screen is wide: the terminal soft-wraps it, so it is copied whole.
    expect(url.length).toBeGreaterThan(80);
    expect(frame.split('\n')).toContain(`\u001B]8;;${url}\u0007${url}\u001B]8;;\u0007`);
    cleanup();

    applyHyperlinkPreference({ TERM: 'dumb' });
    const plain = startApp({ signIn: undefined });
    const plainFrame = await plain.terminal.waitFor('No browser here');
    expect(plainFrame).not.toContain('\u001B]8;;');
    expect(plainFrame.split('\n')).toContain(url);
  });

  it('opens the URL again on `o` and copies it on `c`', async () => {
    const { terminal, calls } = startApp({ signIn: undefined });
    await terminal.waitFor('No browser here');
    terminal.press('o');
    await vi.waitFor(() => expect(calls.opened).toHaveLength(2));
    terminal.press('c');
    await terminal.waitFor('Sent the sign-in URL to the terminal with OSC 52 — your terminal must allow it.');
    expect(calls.copied).toEqual([calls.opened[0]]);
  });

  // The sign-in here is a fake that refuses any URL without `state=s`: the real state check is tested in
  // test/services/auth/redirectServer.test.ts and authCodeSignIn.test.ts.
  it('hands a pasted callback URL to the sign-in, shows the sentence it refuses one with, and moves on when it accepts', async () => {
    const { terminal, calls } = startApp({ signIn: undefined });
    await terminal.waitFor('paste here');
    terminal.press('http://127.0.0.1:43123/oauth/callback?code=x&state=wrong');
    await terminal.waitFor('state=wrong');
    terminal.press(KEYS.enter);
    await terminal.waitFor('That address does not belong to this sign-in.');
    terminal.press(KEYS.ctrlU);
    await terminal.waitForGone('state=wrong');
    terminal.press(callback, KEYS.enter);
    await terminal.waitFor('2 / 2');
    expect(calls.pastedUrls.at(-1)).toBe(callback);
  });

  it('cancels on Esc and signs in again on `r`', async () => {
    const { terminal, calls } = startApp({ signIn: undefined });
    await terminal.waitFor('paste here');
    terminal.press(KEYS.escape);
    await terminal.waitFor('The sign-in was cancelled.');
    terminal.press('r');
    await terminal.waitFor('paste here');
    expect(calls.signIns).toEqual(['authCode', 'authCode']);
  });

  it('words a denied sign-in for this screen: its own retry key, no subcommand to run', async () => {
    const denied = new SignInFailedError('The sign-in was denied in the browser.', undefined, {
      next: 'approve-sign-in',
    });
    const { terminal, calls } = startApp({
      signIn: undefined,
      failures: new Map([['startSignIn', [denied]]]),
    });
    const frame = await terminal.waitFor('The sign-in was denied in the browser.');
    expect(frame).toContain('Approve the request in the browser when you try again.');
    expect(frame).not.toContain('sso-tui login');
    terminal.press('r');
    await terminal.waitFor('paste here');
    expect(calls.signIns).toEqual(['authCode', 'authCode']);
  });

  it('shows the device code large', async () => {
    const { terminal } = startApp({ signIn: undefined }, { signInMethod: 'deviceCode' });
    const frame = await terminal.waitFor('W D J B - M J H T');
    expect(frame).toContain('https://device.sso.example/');
    expect(frame).not.toContain('paste here');
  });

  it('signs in again after a 401 and carries on to the credentials the user asked for', async () => {
    const { terminal } = startApp({ failures: new Map([['getCredentials', [new SessionExpiredError()]]]) });
    await terminal.waitFor('2 / 2');
    terminal.press('prod read');
    await terminal.waitFor('payments-prod / ReadOnlyAccess');
    terminal.press(KEYS.enter);
    await terminal.waitFor('Your sign-in session has expired');
    await terminal.waitFor('paste here');
    terminal.press(callback, KEYS.enter);
    const frame = await terminal.waitFor('ASIA11111111');
    expect(frame).toContain('ReadOnlyAccess');
  });
});
