import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Environment } from '../endpoints.js';

export type BrowserOutcome = 'opened' | 'headless' | 'failed';

export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface OpenBrowserOptions {
  readonly env: Environment;
  readonly platform: NodeJS.Platform;
  readonly spawn?: Spawn;
}

/**
 * Opens `url` in the user's browser (SPEC §2). `BROWSER` wins whenever it is set; otherwise a session with
 * no display, or one reached over SSH, gets 'headless' and the caller only shows the URL. 'opened' means the
 * opener started, not that a page appeared, which no opener can tell us.
 */
export function openBrowser(url: string, options: OpenBrowserOptions): Promise<BrowserOutcome> {
  const { env, platform, spawn = nodeSpawn } = options;
  const command =
    browserCommand(env) ?? (isHeadless(env, platform) ? undefined : platformOpener(env, platform));
  if (command === undefined) return Promise.resolve('headless');
  const [program, ...args] = command;
  return run(spawn, program, [...args, url]);
}

type Command = readonly [program: string, ...args: string[]];

function browserCommand(env: Environment): Command | undefined {
  const [program, ...args] = env.BROWSER?.trim().split(/\s+/).filter(Boolean) ?? [];
  return program === undefined ? undefined : [program, ...args];
}

function isHeadless(env: Environment, platform: NodeJS.Platform): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY) return true;
  // WSL opens the Windows browser through wslview whether or not an X or Wayland display exists.
  if (platform === 'linux' && env.WSL_DISTRO_NAME) return false;
  return (platform === 'linux' || platform === 'freebsd') && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

function platformOpener(env: Environment, platform: NodeJS.Platform): Command {
  switch (platform) {
    case 'darwin':
      return ['open'];
    case 'win32':
      // Not `start`: that is a cmd.exe built-in and would need a shell, which would interpret `&` in the URL.
      return ['rundll32', 'url.dll,FileProtocolHandler'];
    default:
      return env.WSL_DISTRO_NAME ? ['wslview'] : ['xdg-open'];
  }
}

function run(spawn: Spawn, program: string, args: readonly string[]): Promise<BrowserOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(program, args, { detached: true, stdio: 'ignore' });
    } catch {
      resolve('failed');
      return;
    }
    // A missing program is reported asynchronously, as an 'error' event instead of 'spawn'.
    child.once('error', () => resolve('failed'));
    child.once('spawn', () => {
      child.unref();
      resolve('opened');
    });
  });
}
