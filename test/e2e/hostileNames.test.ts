import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { terminalText } from '../../source/services/terminalText.js';
import { HOSTILE_PAYLOADS, hostileOrganization } from '../../source/simulator/index.js';
import { startE2eStage, type E2eStage } from './e2eStage.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

let stage: E2eStage;
let rig: TerminalRig | undefined;
beforeAll(async () => {
  stage = await startE2eStage({ organization: hostileOrganization() });
});
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});
afterAll(async () => {
  await stage.close();
});

/**
 * What in the raw stream did not come from the program itself. The program writes CSI sequences (SGR,
 * cursor moves, erasing, its modes) and OSC 8 links to the sign-in URL; every other escape sequence, and
 * every control or format character but CR, LF and the BEL ending an OSC, came from the data.
 */
const ESC = '\u001B';
const BEL = '\u0007';
const CSI = new RegExp(`^${ESC}\\[[0-?]*[ -/]*[@-~]`);
const LINK = new RegExp(`^${ESC}\\]8;;([^${BEL}${ESC}]*)${BEL}`);

function foreignControls(raw: string, linkTarget: string): string[] {
  const found: string[] = [];
  for (let at = 0; at < raw.length;) {
    const rest = raw.slice(at, at + 4096);
    const csi = CSI.exec(rest);
    if (csi) {
      at += csi[0].length;
      continue;
    }
    const link = LINK.exec(rest);
    if (link && (link[1] === '' || link[1]!.startsWith(linkTarget))) {
      at += link[0].length;
      continue;
    }
    const character = String.fromCodePoint(raw.codePointAt(at)!);
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(character) && character !== '\r' && character !== '\n') {
      found.push(JSON.stringify(rest.slice(0, 24)));
    }
    at += character.length;
  }
  return found;
}

describe('a pasted callback in the full screen', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('is refused with one line unless it is http://127.0.0.1:<this port>/oauth/callback', async () => {
    const env = { ...stage.programEnv };
    delete env.BROWSER;
    const tui = startTerminal({ env, args: ['--no-browser'], cols: 120, rows: 40 });
    rig = tui;
    const screen = await tui.waitForText(/paste here the address it ends on \(http:\/\/127\.0\.0\.1:\d+/);
    const port = /127\.0\.0\.1:(\d+)\/oauth\/callback/.exec(screen)![1]!;
    // A paste arrives as one chunk.
    tui.write(`http://evil.example:${port}/oauth/callback?code=c&state=s`);
    await tui.waitForText('evil.example');
    tui.write(KEYS.enter);
    await tui.waitForText(
      `That is not the sign-in callback; it should start with http://127.0.0.1:${port}/oauth/callback.`,
    );
    tui.write(KEYS.ctrlC);
    expect(await tui.waitForExit()).toBe(130);
  });
});

describe('hostile names in the full screen', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('draws names, roles and a service refusal as visible escapes, and writes none of their sequences', async () => {
    const accounts = stage.simulator.organization.accounts;
    const target = accounts.find((account) => account.accountName.startsWith('clipboard-'))!;
    const role = target.roles.find((name) => name.startsWith('Admin'))!;
    const tui = startTerminal({ env: stage.programEnv, cols: 120, rows: 40 });
    rig = tui;
    await tui.waitForText(`${accounts.length} / ${accounts.length}`);
    // Each hostile row is drawn with its escapes, on its own line.
    await tui.waitForText(terminalText(target.accountName));
    await tui.waitForText(`bidi-${terminalText(HOSTILE_PAYLOADS.bidi)}`);

    // Search ignores the zero-width characters: `payments` finds pay<U+200B>ments.
    for (const [index, key] of [...'payments'].entries()) {
      tui.write(key);
      await tui.waitForText(`› ${'payments'.slice(0, index + 1)}`);
    }
    await tui.waitForText(/^› +zeroWidth-pay\\u200bments/m);
    tui.write(KEYS.ctrlU);
    for (const [index, key] of [...'clipboard'].entries()) {
      tui.write(key);
      await tui.waitForText(`› ${'clipboard'.slice(0, index + 1)}`);
    }
    await tui.waitForText(new RegExp(`^› +clipboard-\\\\x1b\\]52`, 'm'));
    tui.write(KEYS.enter);
    await tui.waitForText(`Roles · ${terminalText(target.accountName)} (${target.accountId})`);
    await tui.waitForText(`${target.roles.length} / ${target.roles.length}`);
    for (const [index, key] of [...'admin'].entries()) {
      tui.write(key);
      await tui.waitForText(`› ${'admin'.slice(0, index + 1)}`);
    }
    await tui.waitForText(`› ${terminalText(role)}`);
    tui.write(KEYS.enter);
    const credentials = await tui.waitForText(/Access key +ASIA/);
    expect(credentials).toContain(`Role            ${terminalText(role)}`);

    tui.write(KEYS.escape);
    await tui.waitForText('type to filter roles');
    tui.write(KEYS.down);
    await tui.waitForText(`› ${terminalText(role)}`);
    stage.simulator.faults.hostileRefusals = true;
    tui.write(KEYS.enter);
    await tui.waitForText(
      'Identity Center refused the request: Refused\\x1b]52;c;aGFja2Vk\\x07\\x1b]0;pwned',
    );

    tui.write(KEYS.ctrlC);
    expect(await tui.waitForExit()).toBe(130);
    const raw = tui.rawOutput();
    expect(foreignControls(raw, `${stage.simulator.url}/authorize?`)).toEqual([]);
    for (const payload of Object.values(HOSTILE_PAYLOADS)) expect(raw).not.toContain(payload);
    // The checker finds what it looks for: each payload but the bare CSI one (which the line above
    // covers), had it been written raw.
    for (const [kind, payload] of Object.entries(HOSTILE_PAYLOADS)) {
      if (kind !== 'clear') expect(foreignControls(payload, 'x'), kind).not.toEqual([]);
    }
  });
});
