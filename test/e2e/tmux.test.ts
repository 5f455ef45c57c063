import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_BROWSER } from '../support/cliStage.js';
import { startE2eStage, type E2eStage } from './e2eStage.js';
import { BUNDLE, E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

const run = promisify(execFile);

function tmuxVersion(): string | undefined {
  try {
    return execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const version = tmuxVersion();
/** `load-buffer -w` is tmux 3.2's. */
const recentTmux = version !== undefined && Number(/(\d+\.\d+)/.exec(version)?.[1] ?? 0) >= 3.2;

/** The sign-in URL as SPEC §3.4 builds it, whole: it ends with the 43-character code challenge. */
const WHOLE_URL =
  /http:\/\/127\.0\.0\.1:\d+\/authorize\?response_type=code&client_id=\S+&redirect_uri=\S+&state=\S+&code_challenge_method=S256&scopes=\S+&code_challenge=[\w-]{43}(?!\S)/;

let stage: E2eStage;
let rig: TerminalRig | undefined;
// A server of its own, with no user configuration: tmux's defaults, as a new user has them.
const socket = `sso-tui-test-${randomBytes(4).toString('hex')}`;
const tmux = async (...args: string[]): Promise<string> =>
  (await run('tmux', ['-L', socket, ...args], { env: stage.programEnv })).stdout;

beforeAll(async () => {
  stage = await startE2eStage({ accounts: 30 });
});
afterEach(async () => {
  rig?.dispose();
  rig = undefined;
  await tmux('kill-server').catch(() => undefined);
});
afterAll(async () => {
  await stage.close();
});

describe.skipIf(!recentTmux)(
  `inside tmux (${recentTmux ? version : `skipped: needs tmux 3.2 or later, found ${version ?? 'none'}`})`,
  { timeout: E2E_TEST_TIMEOUT },
  () => {
    it('keeps the sign-in URL whole for capture-pane -J, and `c` fills tmux’s buffer with it and with the export lines', async () => {
      // A browser that opens nothing, so the sign-in screen stays up until the test approves it.
      const env = { ...stage.programEnv, BROWSER: 'true', TERM: 'xterm-256color' };
      rig = startTerminal({
        command: [
          'tmux',
          '-L',
          socket,
          '-f',
          '/dev/null',
          'new-session',
          '-s',
          'sso',
          process.execPath,
          BUNDLE,
        ],
        env,
        cols: 80,
        rows: 24,
      });
      await rig.waitForText('Open this address in a browser:');

      // The URL is one line the terminal wrapped: joined, tmux gives it back whole; cut, it is in pieces.
      const joined = await tmux('capture-pane', '-p', '-J', '-t', 'sso');
      const url = WHOLE_URL.exec(joined)?.[0];
      expect(url, joined).toBeDefined();
      expect(url!.length).toBeGreaterThan(80);
      expect(await tmux('capture-pane', '-p', '-t', 'sso')).not.toMatch(WHOLE_URL);

      rig.write('c');
      await rig.waitForText("Copied the sign-in URL into tmux's");
      expect(await tmux('show-buffer')).toBe(url);

      // Approved as a browser would; then to the credentials of the first account's first role.
      await run(process.execPath, [STAND_IN_BROWSER, url!]);
      await rig.waitForText('30 / 30');
      rig.write(KEYS.enter);
      await rig.waitForText('Roles ·');
      // The count line, not a `› ` line: the query line's placeholder starts with `› ` before any role is in.
      await rig.waitForScreen('the roles listed', (lines) =>
        lines.some((line) => /^[1-9]\d* \/ [1-9]/.test(line)),
      );
      rig.write(KEYS.enter);
      const screen = await rig.waitForText(/Access key +(ASIA\w+)/);
      const accessKey = /Access key +(ASIA\w+)/.exec(screen)![1];
      rig.write('c');
      await rig.waitForText("Copied the export lines into tmux's");
      expect(await tmux('show-buffer')).toContain(`export AWS_ACCESS_KEY_ID='${accessKey}'`);

      rig.write(KEYS.ctrlC);
      await rig.waitForExit();
    });
  },
);
