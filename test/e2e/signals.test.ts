import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  E2E_TEST_TIMEOUT,
  ENTER_ALTERNATE_SCREEN,
  LEAVE_ALTERNATE_SCREEN,
  startTerminal,
  type TerminalRig,
} from './terminalRig.js';
import { tempFolder } from '../support/tempFolders.js';

const SANDBOX = /files in (\S*sso-tui-demo-\w+)/;

let home: string;
let rig: TerminalRig | undefined;
const folders: string[] = [];
beforeEach(async () => {
  home = await tempFolder('sso-tui-e2e-signals-');
  folders.push(home);
});
afterEach(async () => {
  rig?.dispose();
  rig = undefined;
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('a signal while the full screen is up', { timeout: E2E_TEST_TIMEOUT }, () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s ends it with %i and gives the terminal back with nothing drawn on it',
    async (signal, code) => {
      rig = startTerminal({
        args: ['--demo'],
        // TMPDIR of its own: the demo's sandbox is one per user in the temp folder, and another test file
        // removing that shared sandbox while this run writes to it would leave it recreated, not private.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          XDG_CONFIG_HOME: join(home, '.config'),
          TMPDIR: home,
        },
      });
      const screen = await rig.waitForText('2,500 / 2,500');
      const sandbox = SANDBOX.exec(screen)?.[1];
      if (sandbox) folders.push(sandbox);
      rig.signal(signal);
      expect(await rig.waitForExit()).toBe(code);
      const output = rig.rawOutput();
      expect(output.lastIndexOf(LEAVE_ALTERNATE_SCREEN)).toBeGreaterThan(
        output.lastIndexOf(ENTER_ALTERNATE_SCREEN),
      );
      // Ink's last frame went to the alternate screen, before the switch back; after it only the cursor.
      const after = output.slice(output.lastIndexOf(LEAVE_ALTERNATE_SCREEN) + LEAVE_ALTERNATE_SCREEN.length);
      expect(after.replaceAll('\u001B[?25h', '')).toBe('');
    },
  );
});
