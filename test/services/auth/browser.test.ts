import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Spawn } from '../../../source/services/auth/browser.js';
import { tempFolder } from '../../support/tempFolders.js';

const URL_TO_OPEN = 'http://127.0.0.1:9/authorize?response_type=code&client_id=a%20b&state=x';

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: SpawnOptions;
  unrefed: boolean;
}

/** A spawn that starts nothing but records what it was asked, and reports 'spawn' or 'error' as Node would. */
function recordingSpawn(outcome: 'spawn' | 'error' = 'spawn'): { spawn: Spawn; calls: Call[] } {
  const calls: Call[] = [];
  const spawn: Spawn = (command, args, options) => {
    const call: Call = { command, args, options, unrefed: false };
    calls.push(call);
    const child = Object.assign(new EventEmitter(), { unref: () => void (call.unrefed = true) });
    process.nextTick(() => child.emit(outcome, Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' })));
    return child as unknown as ChildProcess;
  };
  return { spawn, calls };
}

describe('openBrowser with BROWSER set', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await tempFolder('sso-tui-browser-');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** A real program standing in for a browser: it writes its arguments, one a line, into a FIFO. */
  async function fakeBrowser(): Promise<{ script: string; received: Promise<string[]> }> {
    const fifo = join(folder, 'args');
    execFileSync('mkfifo', [fifo]);
    const script = join(folder, 'fake-browser.sh');
    await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$@" > '${fifo}'\n`);
    await chmod(script, 0o755);
    const received = new Promise<string[]>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (chunk) => (text += chunk))
        .on('end', () => resolve(text.split('\n').slice(0, -1)))
        .on('error', reject);
    });
    return { script, received };
  }

  it('runs it with its own arguments and the URL last, even with no display and over SSH', async () => {
    const { script, received } = await fakeBrowser();
    const env = { BROWSER: `  ${script} --new-window  -P work `, SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' };
    await expect(openBrowser(URL_TO_OPEN, { env, platform: 'linux' })).resolves.toBe('opened');
    await expect(received).resolves.toEqual(['--new-window', '-P', 'work', URL_TO_OPEN]);
  });

  it('reports failed when the BROWSER program does not exist', async () => {
    const env = { BROWSER: join(folder, 'no-such-browser') };
    await expect(openBrowser(URL_TO_OPEN, { env, platform: 'linux' })).resolves.toBe('failed');
  });

  it('starts it detached, ignoring its output, and does not wait for it', async () => {
    const { spawn, calls } = recordingSpawn();
    await expect(
      openBrowser(URL_TO_OPEN, { env: { BROWSER: 'firefox' }, platform: 'darwin', spawn }),
    ).resolves.toBe('opened');
    expect(calls).toEqual([
      {
        command: 'firefox',
        args: [URL_TO_OPEN],
        options: { detached: true, stdio: 'ignore' },
        unrefed: true,
      },
    ]);
  });

  it('treats a blank BROWSER as unset', async () => {
    const { spawn, calls } = recordingSpawn();
    await expect(
      openBrowser(URL_TO_OPEN, { env: { BROWSER: '  ' }, platform: 'linux', spawn }),
    ).resolves.toBe('headless');
    expect(calls).toEqual([]);
  });
});

describe('openBrowser without BROWSER', () => {
  it.each([
    ['linux', {}],
    ['freebsd', {}],
    ['linux', { DISPLAY: ':0', SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' }],
    ['darwin', { SSH_TTY: '/dev/pts/3' }],
    ['win32', { SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' }],
    ['linux', { WSL_DISTRO_NAME: 'Ubuntu', SSH_TTY: '/dev/pts/0' }],
    // WSL is Linux: the variable means nothing to another system with no display.
    ['freebsd', { WSL_DISTRO_NAME: 'Ubuntu' }],
  ] as const)('on %s with %j is headless and starts nothing', async (platform, env) => {
    const { spawn, calls } = recordingSpawn();
    await expect(openBrowser(URL_TO_OPEN, { env, platform, spawn })).resolves.toBe('headless');
    expect(calls).toEqual([]);
  });

  it.each([
    ['darwin', {}, 'open', [URL_TO_OPEN]],
    ['win32', {}, 'rundll32', ['url.dll,FileProtocolHandler', URL_TO_OPEN]],
    ['linux', { DISPLAY: ':0' }, 'xdg-open', [URL_TO_OPEN]],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, 'xdg-open', [URL_TO_OPEN]],
    ['freebsd', { DISPLAY: ':0' }, 'xdg-open', [URL_TO_OPEN]],
    ['linux', { WSL_DISTRO_NAME: 'Ubuntu', DISPLAY: ':0' }, 'wslview', [URL_TO_OPEN]],
    ['linux', { WSL_DISTRO_NAME: 'Ubuntu' }, 'wslview', [URL_TO_OPEN]],
  ] as const)('on %s with %j runs %s', async (platform, env, command, args) => {
    const { spawn, calls } = recordingSpawn();
    await expect(openBrowser(URL_TO_OPEN, { env, platform, spawn })).resolves.toBe('opened');
    expect(calls.map((call) => [call.command, call.args])).toEqual([[command, args]]);
  });

  it('reports failed when the opener cannot be started', async () => {
    const { spawn } = recordingSpawn('error');
    await expect(openBrowser(URL_TO_OPEN, { env: {}, platform: 'darwin', spawn })).resolves.toBe('failed');
  });

  it('reports failed when spawn itself throws', async () => {
    const spawn: Spawn = () => {
      throw new Error('EPERM');
    };
    await expect(openBrowser(URL_TO_OPEN, { env: {}, platform: 'darwin', spawn })).resolves.toBe('failed');
  });
});
