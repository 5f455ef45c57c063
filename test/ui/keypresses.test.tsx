import type { Key } from 'ink';
import { describe, expect, it, vi } from 'vitest';
import { splitKeypresses } from '../../source/ui/keypresses.js';
import { startApp } from './startApp.js';
import { KEYS } from './terminal.js';

const plain = { ctrl: false, meta: false } as Key;
const pressed = (key: Key): string[] =>
  Object.entries(key)
    .filter(([, on]) => on === true)
    .map(([name]) => name);
const described = (input: string, key: Key = plain): string[] =>
  splitKeypresses(input, key).map(
    (press) => `${JSON.stringify(press.input)} ${pressed(press.key).join('+')}`,
  );

describe('splitting an input chunk into keys', () => {
  it('keeps one key, and text without control characters (a pasted URL), as they came', () => {
    const url = 'http://127.0.0.1:4321/oauth/callback?code=abc&state=xyz';
    expect(splitKeypresses(url, plain)).toEqual([{ input: url, key: plain }]);
    expect(splitKeypresses('\r', plain)).toEqual([{ input: '\r', key: plain }]);
  });

  it('cuts control characters out of a run, each as the key Ink reports when it comes alone', () => {
    expect(described('\u0015abc')).toEqual(['"u" ctrl', '"abc" ']);
    expect(described('pay\u0003')).toEqual(['"pay" ', '"c" ctrl']);
    expect(described('prod\rx\t\u007F\b\n')).toEqual([
      '"prod" ',
      '"\\r" return',
      '"x" ',
      '"" tab',
      '"" delete',
      '"" backspace',
      '"\\n" ',
    ]);
  });

  it('leaves keys Ink has already named alone', () => {
    const ctrlU = { ...plain, ctrl: true } as Key;
    expect(splitKeypresses('u', ctrlU)).toEqual([{ input: 'u', key: ctrlU }]);
  });
});

describe('several keys in one chunk reach the app one by one', () => {
  it('clears the query with Ctrl-U and types what follows it', async () => {
    const { terminal } = startApp();
    await terminal.waitFor('2 / 2');
    terminal.press('zzz');
    await terminal.waitFor('› zzz');
    terminal.press('\u0015dev');
    await terminal.waitFor('› dev');
    expect(terminal.frame()).not.toContain('zzz');
  });

  it('opens the account the typed query puts on top when Enter comes in the same chunk', async () => {
    const { terminal } = startApp();
    await terminal.waitFor('2 / 2');
    terminal.press('payments-dev\r');
    const frame = await terminal.waitFor('Roles ·');
    expect(frame).toContain('Roles · payments-dev');
  });

  it('opens what Ctrl-U and a new query find when Enter follows them in the chunk', async () => {
    const { terminal } = startApp();
    await terminal.waitFor('2 / 2');
    terminal.press('zzz');
    await terminal.waitFor('0 / 2');
    terminal.press('\u0015payments-dev\r');
    const frame = await terminal.waitFor('Roles ·');
    expect(frame).toContain('Roles · payments-dev');
  });

  it('quits on a Ctrl-C that follows typed text in the same chunk', async () => {
    const { terminal } = startApp();
    await terminal.waitFor('2 / 2');
    terminal.press('pay\u0003');
    await vi.waitFor(() => expect(terminal.stdin.listenerCount('readable')).toBe(0));
  });

  it('opens the account typed just before a separate Enter', async () => {
    const { terminal } = startApp();
    await terminal.waitFor('2 / 2');
    terminal.press('payments-dev', KEYS.enter);
    const frame = await terminal.waitFor('Roles ·');
    expect(frame).toContain('Roles · payments-dev');
  });
});
