import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REGION } from '../support/cliStage.js';
import { tempFolder } from '../support/tempFolders.js';
import { signedInTerminals } from './e2eStage.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

const fixture = signedInTerminals({ accounts: 5 });

/** The program with its own state, and a browser that writes down the address it was given. */
async function start(existing?: string): Promise<{ tui: TerminalRig; opened: string; state: string }> {
  const folder = existing ?? (await tempFolder('sso-tui-e2e-console-'));
  const opened = join(folder, 'opened');
  const browser = join(folder, 'browser.mjs');
  await writeFile(
    browser,
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(opened)}, process.argv.at(-1));\n`,
  );
  const tui = startTerminal({
    env: {
      ...fixture.stage.programEnv,
      XDG_CONFIG_HOME: join(folder, '.config'),
      BROWSER: `${process.execPath} ${browser}`,
      AWS_ENDPOINT_URL_SIGNIN: `${fixture.stage.simulator.url}/federation`,
    },
    cols: 120,
    rows: 30,
  });
  fixture.rig = tui;
  return { tui, opened, state: folder };
}

async function toCredentials(tui: TerminalRig): Promise<string> {
  const account = fixture.stage.simulator.organization.accounts[0]!;
  await tui.waitForText('5 / 5');
  tui.write(account.accountName);
  await tui.waitForText(`› ${account.accountName}`);
  tui.write(KEYS.enter);
  // The count line, not the title: Enter before the roles are drawn would be lost.
  await tui.waitForText(
    new RegExp(`Roles · ${account.accountName}[^]*\\n${account.roles.length} / ${account.roles.length}\\n`),
  );
  tui.write(KEYS.enter);
  await tui.waitForText('Expires in');
  return account.accountId;
}

/** The region the console URL lands in (its Destination). */
function destinationRegion(url: string): string | undefined {
  const destination = new URL(url).searchParams.get('Destination') ?? '';
  return /^https:\/\/([a-z0-9-]+)\.console\.aws\.amazon\.com\//.exec(destination)?.[1];
}

describe('the console region on the credentials screen', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('shows the region the console opens in; `g` changes it for this account, remembered at the next start and proposed for exports', async () => {
    const first = await start();
    const accountId = await toCredentials(first.tui);
    await first.tui.waitForText(new RegExp(`Region\\s+${REGION}`));

    first.tui.write('g');
    await first.tui.waitForText('Enter keep the region');
    first.tui.write(KEYS.ctrlU);
    first.tui.write('ap-southeast-9x');
    first.tui.write(KEYS.enter);
    await first.tui.waitForText('Type the region as AWS names it, like eu-west-1.');
    first.tui.write(KEYS.ctrlU);
    first.tui.write('ap-southeast-2');
    first.tui.write(KEYS.enter);
    await first.tui.waitForText(/Region\s+ap-southeast-2/);

    first.tui.write('o');
    await first.tui.waitForText('Opened the AWS console in the browser.');
    // The browser was started; the address is in its file once it has run.
    const url = await vi.waitFor(() => readFile(first.opened, 'utf8'), { timeout: 10_000 });
    expect(url.startsWith(`${fixture.stage.simulator.url}/federation?`)).toBe(true);
    expect(destinationRegion(url)).toBe('ap-southeast-2');
    first.tui.write('q');
    expect(await first.tui.waitForExit()).toBe(0);

    const state = JSON.parse(await readFile(join(first.state, '.config', 'sso-tui', 'state.json'), 'utf8'));
    expect(state.accountRegions).toEqual({ [accountId]: 'ap-southeast-2' });
    const again = await start(first.state);
    await toCredentials(again.tui);
    await again.tui.waitForText(/Region\s+ap-southeast-2/);
    again.tui.write('e');
    await again.tui.waitForText(/Region: +ap-southeast-2/);
  });

  it('Esc leaves the region as it was', async () => {
    const { tui, opened } = await start();
    await toCredentials(tui);
    tui.write('g');
    await tui.waitForText('Enter keep the region');
    tui.write(KEYS.ctrlU);
    tui.write('us-west-2');
    // Esc on its own: typed right behind other keys, a terminal's Esc reads as the start of a sequence.
    await tui.waitForText(/Region\s+us-west-2/);
    tui.write(KEYS.escape);
    await tui.waitForText(new RegExp(`Region\\s+${REGION}`));
    tui.write('o');
    await tui.waitForText('Opened the AWS console in the browser.');
    const url = await vi.waitFor(() => readFile(opened, 'utf8'), { timeout: 10_000 });
    expect(destinationRegion(url)).toBe(REGION);
  });
});
