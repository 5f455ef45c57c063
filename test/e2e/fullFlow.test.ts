import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCredentialsFile } from '../support/awsFileReadings.js';
import type { OrganizationAccount } from '../../source/simulator/index.js';
import { startE2eStage, type E2eStage } from './e2eStage.js';
import { listRows, rowAccount, selectedRow, withTypo } from './screens.js';
import {
  E2E_TEST_TIMEOUT,
  ENTER_ALTERNATE_SCREEN,
  KEYS,
  LEAVE_ALTERNATE_SCREEN,
  startTerminal,
  type TerminalRig,
} from './terminalRig.js';

/** What must never be drawn over the UI: process warnings (the AWS SDK's among them) and stack traces. */
const SCRIBBLES = /Warning|^\s+at .+:\d+:\d+\)?$/m;

let stage: E2eStage;
let rig: TerminalRig | undefined;
beforeAll(async () => {
  stage = await startE2eStage({ accounts: 3_000 });
});
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});
afterAll(async () => {
  await stage.close();
});

/** An account deep in the list whose name has a word that a swap of two letters misspells. */
function accountToFind(accounts: readonly OrganizationAccount[]): OrganizationAccount {
  const found = accounts.find(
    (account, index) =>
      index > 2_000 &&
      /^[a-z]{5,}-[a-z]+-\d\d$/.test(account.accountName) &&
      withTypo(account.accountName) !== account.accountName,
  );
  if (!found) throw new Error('The organization has no account fit for the typo search.');
  return found;
}

describe('the full-screen flow in a terminal', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('signs in, finds an account by a typo, fetches credentials, exports them and quits with 130', async () => {
    const target = accountToFind(stage.simulator.organization.accounts);
    const role = target.roles.at(-1)!;
    const tui = startTerminal({ env: stage.programEnv, cols: 120, rows: 40, forbidden: SCRIBBLES });
    rig = tui;
    // No cached token: the sign-in screen shows the URL, then the stand-in browser approves.
    await tui.waitForText(`${stage.simulator.url}/authorize?response_type=code`);
    // Drawn as a terminal hyperlink, so each wrapped piece opens the whole URL.
    expect(tui.rawOutput()).toContain(`\u001B]8;;${stage.simulator.url}/authorize?response_type=code`);
    await tui.waitForText('3,000 / 3,000');

    const query = withTypo(target.accountName);
    for (const [index, key] of [...query].entries()) {
      tui.write(key);
      await tui.waitForText(`› ${query.slice(0, index + 1)}`);
    }
    const listed = await tui.waitForScreen(`${target.accountName} on top`, (lines) => {
      const top = listRows(lines)[0];
      return top !== undefined && top.startsWith('›') && rowAccount(top)?.name === target.accountName;
    });
    expect(rowAccount(selectedRow(listed.split('\n'))!)).toEqual({
      name: target.accountName,
      id: target.accountId,
    });

    tui.write(KEYS.enter);
    await tui.waitForText(`Roles · ${target.accountName} (${target.accountId})`);
    await tui.waitForText(`${target.roles.length} / ${target.roles.length}`);
    const rolePart = role.slice(0, 6).toLowerCase();
    for (const [index, key] of [...rolePart].entries()) {
      tui.write(key);
      await tui.waitForText(`› ${rolePart.slice(0, index + 1)}`);
    }
    await tui.waitForScreen(`${role} selected`, (lines) => selectedRow(lines)?.trim() === `› ${role}`);

    tui.write(KEYS.enter);
    const credentialsScreen = await tui.waitForText(/Access key +ASIA/);
    const issued = stage.simulator
      .issuedCredentials()
      .filter((entry) => entry.accountId === target.accountId && entry.roleName === role);
    expect(issued).toHaveLength(1);
    const credentials = issued[0]!;
    expect(credentialsScreen).toMatch(new RegExp(`Access key +${credentials.accessKeyId}\\b`));
    expect(credentialsScreen).toContain(`Role            ${role}`);
    expect(credentialsScreen).not.toContain(credentials.secretAccessKey);

    tui.write('e');
    await tui.waitForText('Profile name:');
    tui.write(KEYS.enter);
    const written = await tui.waitForText(/Wrote the profile (\S+) to (\S+)\./);
    const [, profile, file] = /Wrote the profile (\S+) to (\S+)\./.exec(written)!;
    expect(file).toBe(join(stage.home, '.aws', 'credentials'));
    const profiles = readCredentialsFile(await readFile(file!, 'utf8'));
    expect({ ...profiles.get(profile!) }).toEqual({
      aws_access_key_id: credentials.accessKeyId,
      aws_secret_access_key: credentials.secretAccessKey,
      aws_session_token: credentials.sessionToken,
    });

    tui.write(KEYS.ctrlC);
    expect(await tui.waitForExit()).toBe(130);
    const output = tui.rawOutput();
    expect(output.lastIndexOf(ENTER_ALTERNATE_SCREEN)).toBeGreaterThanOrEqual(0);
    expect(output.lastIndexOf(LEAVE_ALTERNATE_SCREEN)).toBeGreaterThan(
      output.lastIndexOf(ENTER_ALTERNATE_SCREEN),
    );
    // Back on the normal screen nothing is added: no message, only the cursor shown again.
    const after = output.slice(output.lastIndexOf(LEAVE_ALTERNATE_SCREEN) + LEAVE_ALTERNATE_SCREEN.length);
    expect(after.replaceAll('\u001B[?25h', '')).toBe('');
    // Nothing scribbled over the UI at any point of the run.
    expect(tui.violations).toEqual([]);
  });
});
