import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../support/tempFolders.js';
import { signedInTerminals } from './e2eStage.js';
import { listRows } from './screens.js';
import {
  E2E_TEST_TIMEOUT,
  ENTER_ALTERNATE_SCREEN,
  KEYS,
  startTerminal,
  type TerminalRig,
} from './terminalRig.js';

const ACCOUNTS = 40;
const ESC = '\u001B';

const fixture = signedInTerminals({ accounts: ACCOUNTS });

/** The program at a size, with state of its own: no recent pick of another test puts a role row on top. */
async function start(cols: number, rows: number, env: Record<string, string> = {}): Promise<TerminalRig> {
  const state = await tempFolder('sso-tui-e2e-state-');
  fixture.rig = startTerminal({
    env: { ...fixture.stage.programEnv, XDG_CONFIG_HOME: join(state, '.config'), ...env },
    cols,
    rows,
  });
  return fixture.rig;
}

const lastLine = (lines: readonly string[]): string => lines.findLast((line) => line.trim() !== '') ?? '';

/** The screen drawn cleanly: no row ran past the right edge into the next, the title on top, the footer last. */
function expectClean(tui: TerminalRig, title: string): readonly string[] {
  const lines = tui.screenLines();
  expect(tui.wrappedRows(), lines.join('\n')).toEqual([]);
  expect(lines[0]!.startsWith(title), lines.join('\n')).toBe(true);
  expect(lastLine(lines)).toMatch(/(\?|F1) help$/);
  return lines;
}

async function openHelpAndClose(tui: TerminalRig): Promise<void> {
  tui.write('?');
  const help = await tui.waitForText('Keys · Accounts');
  expect(help).toMatch(/\^F +favorite \(on a row\)/);
  expect(lastLine(help.split('\n'))).toBe('Esc close help');
  tui.write(KEYS.escape);
  await tui.waitForScreen('the list again', (lines) => lines[0]!.startsWith('Accounts ·'));
}

/** From the list to the first role's credentials, with the secret shown; resolves with the secret. */
async function showSecret(tui: TerminalRig): Promise<string> {
  tui.write(KEYS.enter);
  await tui.waitForText('Roles ·');
  await tui.waitForScreen('a role listed', (lines) => listRows(lines).some((row) => row.startsWith('›')));
  tui.write(KEYS.enter);
  await tui.waitForText(/Access key +ASIA/);
  tui.write('s');
  await tui.waitForText('hide secret');
  const issued = fixture.stage.simulator.issuedCredentials().at(-1)!;
  return issued.secretAccessKey;
}

/** The value of a labelled field, joined from the rows it wraps onto (the label column is 16 wide). */
function fieldValue(lines: readonly string[], label: string): string {
  const first = lines.findIndex((line) => line.startsWith(label));
  if (first === -1) return '';
  let value = lines[first]!.slice(16);
  for (const line of lines.slice(first + 1)) {
    if (!line.startsWith(' '.repeat(16)) || line.trim() === '') break;
    value += line.slice(16);
  }
  return value.trim();
}

describe('the full screen at every size', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('200×60: every column, no hidden-column note, help, and the secret whole', async () => {
    const tui = await start(200, 60);
    await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
    const lines = expectClean(tui, 'Accounts ·');
    expect(lines.join('\n')).toContain('@example.com');
    expect(lines[0]).not.toContain('hidden');
    await openHelpAndClose(tui);
    const secret = await showSecret(tui);
    const credentials = expectClean(tui, 'Credentials');
    expect(fieldValue(credentials, 'Secret key')).toBe(secret);
  });

  it('80×24: the dropped email column is named in the header; the footer fits one line', async () => {
    const tui = await start(80, 24);
    await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
    const lines = expectClean(tui, 'Accounts ·');
    expect(lines[0]).toContain('email hidden');
    expect(lines.join('\n')).not.toContain('@example.com');
    for (const row of listRows(lines)) expect(row).toMatch(/\d{12}$/);
    await openHelpAndClose(tui);
    const secret = await showSecret(tui);
    expect(fieldValue(expectClean(tui, 'Credentials'), 'Secret key')).toBe(secret);
  });

  it('60×20: names and ids, help, the secret', async () => {
    const tui = await start(60, 20);
    await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
    const lines = expectClean(tui, 'Accounts ·');
    for (const row of listRows(lines)) expect(row).toMatch(/^[› ] [★ ] \S+ +\d{12}$/);
    await openHelpAndClose(tui);
    const secret = await showSecret(tui);
    expect(fieldValue(expectClean(tui, 'Credentials'), 'Secret key')).toBe(secret);
  });

  it('40×12: names keep their room and the ids go (said in the header); with the secret shown no row overwrites another', async () => {
    const tui = await start(40, 12);
    await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
    const lines = expectClean(tui, 'Accounts ·');
    expect(lines[0]).toContain('id, email hidden');
    const rows = listRows(lines);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).not.toMatch(/\d{12}/);
    await openHelpAndClose(tui);
    const secret = await showSecret(tui);
    const credentials = expectClean(tui, 'Credentials');
    // Each field on its own rows, in order, none drawn over another.
    const at = (label: string): number => credentials.findIndex((line) => line.startsWith(label));
    expect(at('Account')).toBe(1);
    expect(at('Role')).toBeGreaterThan(at('Account'));
    expect(at('Access key')).toBeGreaterThan(at('Role'));
    expect(at('Secret key')).toBeGreaterThan(at('Access key'));
    expect(fieldValue(credentials, 'Secret key')).toBe(secret);
    expect(lastLine(credentials)).toBe('s hide secret  e export  ? help');
  });

  it('20×5: says the terminal is too small, and draws the list again once it is big enough', async () => {
    const tui = await start(20, 5);
    const small = await tui.waitForScreen('the too-small note', (lines) =>
      lines.join(' ').replace(/\s+/g, ' ').includes('terminal too small — need 40×10'),
    );
    expect(small).not.toContain(`${ACCOUNTS} / ${ACCOUNTS}`);
    tui.resize(80, 24);
    await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
  });
});

describe('every kind of terminal', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('TERM=dumb: one line pointing to the subcommands, exit 2, no full screen', async () => {
    const tui = await start(80, 24, { TERM: 'dumb' });
    expect(await tui.waitForExit()).toBe(2);
    const output = tui.rawOutput();
    expect(output).not.toContain(ENTER_ALTERNATE_SCREEN);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(
      /^sso-tui: This terminal \(TERM=dumb\) cannot show the full screen\. Use a subcommand/,
    );
    // Every subcommand, from the table parsing and --help use.
    expect(output).toContain(
      'Use a subcommand: login, logout, list, export, env, credential-process, console, populate',
    );
  });

  it('a non-UTF-8 locale: only ASCII on screen', async () => {
    const tui = await start(80, 24, { LANG: 'C' });
    const screen = await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
    expect(screen).toContain('Up/Down move');
    expect(listRows(screen.split('\n'))[0]).toMatch(/^> /);
    expect([...screen].filter((character) => character > '\u007F')).toEqual([]);
    tui.write('?');
    const help = await tui.waitForText('Keys - Accounts');
    expect([...help].filter((character) => character > '\u007F')).toEqual([]);
  });

  it("a non-UTF-8 locale at 40 columns: text cut to fit ends in ASCII, not in Ink's …", async () => {
    const tui = await start(40, 12, { LANG: 'C' });
    await tui.waitForText('Accounts');
    tui.write('?');
    const help = await tui.waitForText('Keys - Accounts');
    // Help rows are longer than 40 columns: each one cut short shows that it was.
    expect(help).toContain('...');
    expect([...tui.rawOutput()].filter((character) => character > '\u007F')).toEqual([]);
  });

  it('NO_COLOR: no colour, and the selected row still inverse, matched letters still bold', async () => {
    const tui = await start(80, 24, { NO_COLOR: '1' });
    await tui.waitForText(`${ACCOUNTS} / ${ACCOUNTS}`);
    const first = listRows(tui.screenLines())[0]!.slice(4, 9);
    tui.write(first);
    await tui.waitForText(`› ${first}`);
    // Matched letters bold and underlined, once the search has drawn its rows.
    await tui.waitForScreen('the matches drawn', () => tui.rawOutput().includes('\u001B[4m'));
    const output = tui.rawOutput();
    const colour = new RegExp(`${ESC}\\[(?:3[0-79]|9[0-7]|4[0-79]|10[0-7]|38;|48;)[0-9;]*m`);
    expect(output).not.toMatch(colour);
    expect(output).toContain('\u001B[7m');
    expect(output).toContain('\u001B[1m');
  });
});
