import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_BROWSER, startCliWorld, type CliWorld } from '../support/cliWorld.js';

const BUNDLE = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built program as a user would, with no terminal on stdin. */
function runBundle(argv: readonly string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BUNDLE, ...argv], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

let world: CliWorld;
beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  world = await startCliWorld({ accounts: 12 });
});
afterAll(async () => {
  await world.close();
});

describe('the built program', () => {
  it('prints its version and help', async () => {
    const version = await runBundle(['--version'], world.env);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await runBundle(['--help'], world.env);
    expect(help.stdout).toContain('sso-tui login [--device-code] [--no-browser]');
  });

  it('answers bad usage with one line and exit code 2', async () => {
    const outcome = await runBundle(['list', '--nope'], world.env);
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^sso-tui: [^\n]+\n$/) });
  });

  it('signs in and lists accounts against the simulator, with no SDK warning on stderr', async () => {
    const login = await runBundle(['login'], {
      ...world.env,
      BROWSER: `${process.execPath} ${STAND_IN_BROWSER}`,
    });
    expect(login.code).toBe(0);
    expect(login.stderr).not.toMatch(/Warning/);
    const list = await runBundle(['list', '--roles', '--json'], world.env);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe('');
    const pairs = JSON.parse(list.stdout) as { accountId: string; roleName: string }[];
    const expected = world.simulator.organization.accounts.flatMap((account) =>
      account.roles.map((roleName) => ({ accountId: account.accountId, roleName })),
    );
    expect(pairs.map(({ accountId, roleName }) => ({ accountId, roleName }))).toEqual(expected);
  });

  it('runs --demo on a headless machine without touching the real home', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sso-tui-demo-home-'));
    const outcome = await runBundle(['--demo', 'list', '--json'], {
      PATH: process.env.PATH ?? '',
      HOME: home,
    });
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toHaveLength(2_500);
    expect(outcome.stderr).toMatch(/files in \S*sso-tui-demo-/);
    expect(await readdir(home)).toEqual([]);
  });
});
