import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { START_URL } from '../support/cliStage.js';
import { startE2eStage, type E2eStage } from './e2eStage.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

let stage: E2eStage;
let rig: TerminalRig | undefined;
let configFile: string;
beforeAll(async () => {
  // The simulator serves one instance: its sign-in page refuses a client registered for another start URL.
  stage = await startE2eStage({ accounts: 20, startUrls: [START_URL] });
  configFile = join(stage.home, '.aws', 'config');
});
beforeEach(async () => {
  await rm(configFile, { force: true });
});
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});
afterAll(async () => {
  await stage.close();
});

/** Types text one key at a time, each seen on screen before the next, as a person types. */
async function type(tui: TerminalRig, text: string): Promise<void> {
  for (const key of text) tui.write(key);
  await tui.waitForText(text);
}

describe('first-run setup in a terminal', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('writes nothing until Identity Center answers for the start URL and region, then signs in', async () => {
    const tui = startTerminal({ env: stage.programEnv, cols: 110, rows: 30 });
    rig = tui;
    await tui.waitForText('Set up an SSO session');

    // `exmaple` is not the instance's start URL, and `us-est-1` no region at all.
    await type(tui, 'exmaple');
    tui.write(KEYS.enter);
    await tui.waitForText(/us-east-1 +US East \(N. Virginia\) +aws/);
    await type(tui, 'us-est-1');
    await tui.waitForText('no Identity Center region matches');
    tui.write(KEYS.enter);
    await tui.waitForText("No Identity Center region matches 'us-est-1'");
    expect(existsSync(configFile)).toBe(false);

    tui.write(KEYS.ctrlU);
    await type(tui, 'eu-west-1');
    tui.write(KEYS.enter);
    await tui.waitForText(/Session name: exmaple/);
    tui.write(KEYS.enter);
    await tui.waitForText(
      'Identity Center in eu-west-1 does not answer for https://exmaple.awsapps.com/start',
    );
    expect(existsSync(configFile)).toBe(false);

    // Tab from the session name wraps to the start URL.
    tui.write(KEYS.tab);
    await tui.waitForText('Enter next');
    tui.write(KEYS.ctrlU);
    await tui.waitForScreen('an empty start URL', (lines) =>
      lines.some((line) => /^Start URL: +my-company/.test(line)),
    );
    await type(tui, 'example');
    tui.write(KEYS.enter);
    await tui.waitForText(/eu-west-1 +Europe \(Ireland\)/);
    tui.write(KEYS.enter);
    await tui.waitForText(/Session name: example/);
    tui.write(KEYS.enter);
    // Saved, then signed in through the stand-in browser.
    await tui.waitForText('20 / 20');
    expect(await readFile(configFile, 'utf8')).toBe(
      `[sso-session example]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`,
    );
    tui.write(KEYS.ctrlC);
    expect(await tui.waitForExit()).toBe(130);
  });

  it('leaves the setup without a session with a non-zero exit code', async () => {
    const tui = startTerminal({ env: stage.programEnv, cols: 110, rows: 30 });
    rig = tui;
    await tui.waitForText('Set up an SSO session');
    tui.write(KEYS.escape);
    expect(await tui.waitForExit()).toBe(1);
    expect(tui.rawOutput()).toContain('sso-tui: No SSO session was saved; run sso-tui again to set one up.');
    expect(existsSync(configFile)).toBe(false);
  });

  it('offers to edit the setup after an error, and leaving the error exits non-zero', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(join(stage.home, '.aws'), { recursive: true });
    await writeFile(configFile, `[sso-session work]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n`);
    // Nothing listens on port 9: every call to Identity Center fails to connect.
    const env = { ...stage.programEnv, AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9' };
    const tui = startTerminal({ env, cols: 110, rows: 30 });
    rig = tui;
    await tui.waitForText('Something went wrong');
    await tui.waitForText('e edit the setup');
    tui.write('e');
    await tui.waitForText('Set up an SSO session');
    await tui.waitForText(`Start URL:    ${START_URL}`);
    await tui.waitForText(/Region: +eu-west-1/);
    tui.write(KEYS.escape);
    expect(await tui.waitForExit()).toBe(1);

    const again = startTerminal({ env, cols: 110, rows: 30 });
    rig = again;
    await again.waitForText('Something went wrong');
    again.write('q');
    expect(await again.waitForExit()).toBe(1);
    expect(again.rawOutput()).toMatch(/sso-tui: Could not reach/);
  });
});
