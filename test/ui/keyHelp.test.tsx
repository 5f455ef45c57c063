import { describe, expect, it } from 'vitest';
import { NO_KEY } from '../../source/ui/keypresses.js';
import { footerHints, helpRows, pressedBinding } from '../../source/ui/keyTable.js';
import { ACCOUNT_KEYS } from '../../source/ui/screens/AccountsScreen.js';
import { SIGN_IN_KEYS } from '../../source/ui/screens/SignInScreen.js';
import { KEYS } from './terminal.js';
import { startApp } from './startApp.js';

const F1 = '\u001BOP';
const accounts = { query: '', leave: 'quit', onRow: true, listing: false };

describe('a key table', () => {
  it('hands a key to the first binding that applies; `?` is text once the query holds some', () => {
    expect(pressedBinding(ACCOUNT_KEYS, accounts, { input: '?', key: NO_KEY })).toBe('help');
    expect(pressedBinding(ACCOUNT_KEYS, { ...accounts, query: 'pay' }, { input: '?', key: NO_KEY })).toBe(
      'type',
    );
    expect(
      pressedBinding(ACCOUNT_KEYS, { ...accounts, query: 'pay' }, { input: '', key: NO_KEY, f1: true }),
    ).toBe('helpAnywhere');
    expect(
      pressedBinding(
        ACCOUNT_KEYS,
        { ...accounts, listing: true },
        { input: 'r', key: { ...NO_KEY, ctrl: true } },
      ),
    ).toBe(undefined);
  });

  it('makes the footer of what applies now and the help of every key', () => {
    const footer = (state: typeof accounts) =>
      footerHints(ACCOUNT_KEYS, state).map((hint) => `${hint.keys} ${hint.action}`);
    expect(footer(accounts)).toEqual([
      '↑↓ move',
      'Enter open',
      '^F favorite',
      '^R refresh',
      '^O profiles',
      'Esc quit',
      '? help',
    ]);
    expect(footer({ ...accounts, query: 'x', listing: true })).toEqual([
      '↑↓ move',
      'Enter open',
      '^F favorite',
      '^O profiles',
      'Esc clear',
      'F1 help',
    ]);
    const help = helpRows(ACCOUNT_KEYS, { ...accounts, listing: true });
    expect(help.find((row) => row.keys === '^R')).toMatchObject({
      active: false,
      when: 'no listing under way',
    });
    expect(help.map((row) => row.keys)).toContain('PgUp PgDn');
  });

  it('offers `o` and `c` on the sign-in screen only while the paste field is empty', () => {
    const keys = (pasted: string) =>
      footerHints(SIGN_IN_KEYS, { started: true, takesPaste: true, pasted }).map((hint) => hint.keys);
    expect(keys('')).toEqual(['o', 'c', 'Esc', '?']);
    expect(keys('http')).toEqual(['Enter', 'Esc', 'F1']);
  });
});

describe('the help overlay', () => {
  it('opens on `?` over an empty query and on F1 over a typed one, lists every key, and closes on Esc', async () => {
    const { terminal } = startApp();
    await terminal.waitFor('2 / 2');
    terminal.press('?');
    let frame = await terminal.waitFor('Keys · Accounts');
    expect(frame).toContain('^F        favorite (on a row)');
    expect(frame).toContain('PgUp PgDn move a page');
    expect(frame).toContain('Esc close help');
    terminal.press(KEYS.escape);
    await terminal.waitForGone('Keys · Accounts');

    terminal.press('pay?');
    frame = await terminal.waitFor('› pay?');
    expect(frame).toContain('F1 help');
    terminal.press(F1);
    await terminal.waitFor('Keys · Accounts');
    // Keys go to the overlay while it is open: typing does not reach the query behind it.
    terminal.press('x');
    terminal.press(KEYS.escape);
    frame = await terminal.waitFor('› pay?');
    expect(frame).not.toContain('pay?x');
  });
});
