import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE } from '../support/cliStage.js';
import { tempFolder } from '../support/tempFolders.js';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let temp: string;
let env: Record<string, string>;
beforeEach(async () => {
  temp = await tempFolder('sso-tui-demo-tmp-');
  const home = await tempFolder('sso-tui-demo-home-');
  env = { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: temp, XDG_CONFIG_HOME: join(home, '.config') };
});

/** `sso-tui --demo …` in a process of its own, as a user types one command after another. */
function demo(argv: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BUNDLE, '--demo', ...argv],
      { env },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

const SIMULATOR = /^Demo: Identity Center simulator at (http:\/\/127\.0\.0\.1:\d+); files in (\S+)$/m;

describe('--demo across processes', () => {
  it('signs in once: list and console in later processes use that sign-in, each with its own simulator', async () => {
    const login = await demo(['login']);
    expect(login.code).toBe(0);
    expect(login.stderr).toContain('To sign in to https://demo-org.awsapps.com/start');
    const [, loginUrl, sandbox] = SIMULATOR.exec(login.stderr)!;

    const list = await demo(['list']);
    expect(list.code).toBe(0);
    expect(list.stderr).not.toContain('To sign in');
    const [, listUrl, listSandbox] = SIMULATOR.exec(list.stderr)!;
    expect(listSandbox).toBe(sandbox);
    expect(listUrl).not.toBe(loginUrl);
    const rows = list.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(2_501);
    const [, , accountName] = /^(\d{12}) +(\S+)/.exec(rows[1]!)!;

    const consoleRun = await demo([
      'console',
      '--print',
      '--account',
      accountName!,
      '--role',
      'ReadOnlyAccess',
    ]);
    expect(consoleRun.stderr).not.toContain('To sign in');
    expect(consoleRun.code).toBe(0);
    const [, consoleUrl] = SIMULATOR.exec(consoleRun.stderr)!;
    expect(consoleRun.stdout).toMatch(new RegExp(`^${consoleUrl}/federation\\?Action=login&.*SigninToken=`));

    // One private folder of this user's, with the simulator's state and the token cache in it.
    expect(sandbox!.startsWith(`${temp}/sso-tui-demo-`)).toBe(true);
    expect((await stat(sandbox!)).mode & 0o777).toBe(0o700);
    expect(existsSync(join(sandbox!, 'simulator.json'))).toBe(true);
    expect(existsSync(join(sandbox!, '.aws', 'sso', 'cache'))).toBe(true);
  });

  it('removes demo sandboxes unused for a day and keeps a recent one', async () => {
    const stale = join(temp, 'sso-tui-demo-aB3xYz');
    const recent = join(temp, 'sso-tui-demo-Qw7RtY');
    await mkdir(stale, { mode: 0o700 });
    await mkdir(recent, { mode: 0o700 });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    const run = await demo(['logout']);
    expect(run.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('refuses a sandbox that others can open', async () => {
    const first = await demo(['logout']);
    const [, , sandbox] = SIMULATOR.exec(first.stderr)!;
    const { chmod } = await import('node:fs/promises');
    await chmod(sandbox!, 0o755);
    const outcome = await demo(['list']);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^sso-tui: The demo sandbox \S+ is not a private folder of yours/m);
  });
});
