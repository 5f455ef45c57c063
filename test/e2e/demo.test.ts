import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCredentialsFile } from '../support/awsFileReadings.js';
import { listRows, rowAccount, selectedRow } from './screens.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';
import { tempFolder } from '../support/tempFolders.js';

const SANDBOX = /files in (\S*sso-tui-demo-[\w.-]+)/;

let home: string;
/** The program's temp folder (TMPDIR), where the demo keeps its sandbox: its own for each test. */
let temp: string;
let rig: TerminalRig | undefined;
const sandboxes: string[] = [];
beforeEach(async () => {
  home = await tempFolder('sso-tui-e2e-demo-');
  temp = await tempFolder('sso-tui-e2e-tmp-');
});
afterEach(async () => {
  rig?.dispose();
  rig = undefined;
  for (const folder of [home, temp, ...sandboxes.splice(0)])
    await rm(folder, { recursive: true, force: true });
});

/**
 * `sso-tui --demo` as a newcomer runs it: a fresh home, no browser, nothing else in the environment; resolves
 * once the accounts are listed, with the sandbox folder the header names.
 */
async function startDemo(): Promise<{ demo: TerminalRig; sandbox: string }> {
  const demo = startTerminal({
    args: ['--demo'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      LANG: 'C.UTF-8',
      TMPDIR: temp,
    },
    cols: 120,
    rows: 40,
  });
  rig = demo;
  const screen = await demo.waitForText('2,500 / 2,500');
  const sandbox = SANDBOX.exec(screen)?.[1];
  if (!sandbox) throw new Error(`The header shows no sandbox folder:\n${screen}`);
  sandboxes.push(sandbox);
  return { demo, sandbox };
}

/**
 * The list as drawn at the terminal's new width: the same account selected, every line within the width
 * (none ran on into the next row), every row one line with a whole account id, the footer intact.
 */
function expectCleanList(
  demo: TerminalRig,
  lines: readonly string[],
  chosen: { readonly name: string; readonly id: string },
  footer: string,
): void {
  expect(rowAccount(selectedRow(lines)!)).toEqual(chosen);
  expect(demo.wrappedRows()).toEqual([]);
  const rows = listRows(lines);
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows) expect(rowAccount(row), row).toBeDefined();
  // The footer keeps to one line: as many of the wide footer's keys as fit, then `? help`.
  const last = lines.findLast((line) => line.trim() !== '')!;
  expect(last.endsWith('? help')).toBe(true);
  expect(footer.startsWith(last.replace(/\s*\? help$/, ''))).toBe(true);
}

async function quit(demo: TerminalRig): Promise<void> {
  demo.write(KEYS.ctrlC);
  expect(await demo.waitForExit()).toBe(130);
}

describe('sso-tui --demo in a terminal', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('signs in by itself, lists 2,500 accounts and writes only to the sandbox shown in the header', async () => {
    const { demo, sandbox } = await startDemo();
    expect(demo.screenLines()[0]).toMatch(
      /^Demo · simulated Identity Center at http:\/\/127\.0\.0\.1:\d+ · files in /,
    );
    expect(sandbox.startsWith(`${temp}/sso-tui-demo-`)).toBe(true);

    // An export, so there is a file to write and a wrong place it could go.
    const top = rowAccount(listRows(demo.screenLines())[0]!)!;
    demo.write(KEYS.enter);
    await demo.waitForText(`Roles · ${top.name} (${top.id})`);
    await demo.waitForScreen('a role selected', (lines) => /^› \w+/.test(selectedRow(lines) ?? ''));
    demo.write(KEYS.enter);
    await demo.waitForText(/Access key +ASIA/);
    demo.write('e');
    await demo.waitForText('Profile name:');
    // The dialog names the files it writes to: the sandbox's, not ~/.aws.
    await demo.waitForText(`static credentials in ${join(sandbox, '.aws', 'credentials')}`);
    demo.write(KEYS.enter);
    const written = await demo.waitForText(/Wrote the profile (\S+) to (\S+)\./);
    const [, profile, file] = /Wrote the profile (\S+) to (\S+)\./.exec(written)!;
    expect(file).toBe(join(sandbox, '.aws', 'credentials'));
    expect(readCredentialsFile(await readFile(file!, 'utf8')).has(profile!)).toBe(true);
    await quit(demo);

    expect(existsSync(join(home, '.aws'))).toBe(false);
    expect(await readdir(home)).toEqual([]);
  });

  it('takes Ctrl-U, a query and Enter sent in one chunk, as tmux send-keys or a fast paste sends them', async () => {
    const { demo } = await startDemo();
    const wanted = rowAccount(listRows(demo.screenLines())[9]!)!;
    demo.write('zzz');
    await demo.waitForText('› zzz');
    demo.write(`${KEYS.ctrlU}${wanted.name}${KEYS.enter}`);
    await demo.waitForText(`Roles · ${wanted.name} (${wanted.id})`);
    await quit(demo);
  });

  it('redraws only the rows that changed when the selection moves (a few hundred bytes, not the screen)', async () => {
    const { demo } = await startDemo();
    const second = rowAccount(listRows(demo.screenLines())[1]!)!;
    const before = demo.rawOutput().length;
    demo.write(KEYS.down);
    await demo.waitForScreen('the second account selected', (lines) =>
      Boolean(selectedRow(lines)?.includes(second.id)),
    );
    const written = demo.rawOutput().length - before;
    // The whole 120×40 screen is over 4,000 characters; the two rows whose marker moved are under 400.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(1_000);
    await quit(demo);
  });

  it('keeps the selected account and a clean screen as the terminal narrows to 100, then 60 columns', async () => {
    const { demo } = await startDemo();
    for (let step = 1; step <= 4; step++) {
      demo.write(KEYS.down);
      await demo.waitForScreen(`the cursor on row ${step + 1}`, (lines) =>
        (listRows(lines)[step] ?? '').startsWith('›'),
      );
    }
    const wide = demo.screenLines();
    const chosen = rowAccount(selectedRow(wide)!)!;
    expect(wide.join('\n')).toContain(`aws+${chosen.name}@example.com`);
    const footer = wide.findLast((line) => line.trim() !== '')!;
    expect(footer).toContain('Enter open');
    const idColumn = (lines: readonly string[]): number => selectedRow(lines)?.indexOf(chosen.id) ?? -1;

    // At 100 columns the emails still show, the longest of them cut.
    demo.resize(100, 40);
    const medium = await demo.waitForScreen(
      'the 100-column layout',
      (lines) => ![-1, idColumn(wide)].includes(idColumn(lines)),
    );
    expectCleanList(demo, medium.split('\n'), chosen, footer);
    expect(medium).toContain(`aws+${chosen.name}@example.com`);

    demo.resize(60, 40);
    // The header names the email column the 60-column layout leaves out (the banner's cut path is no sign:
    // the sandbox path may be cut at any width).
    const narrow = await demo.waitForScreen('the 60-column layout', (lines) =>
      lines.some((line) => line.includes('email hidden')),
    );
    expectCleanList(demo, narrow.split('\n'), chosen, footer);
    // Nothing is left of the wide layout: no email column, whole or cut.
    expect(narrow).not.toContain('@');
    expect(narrow).not.toContain('aws+');
    await quit(demo);
  });
});
