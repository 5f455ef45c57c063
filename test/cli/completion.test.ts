import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCacheFile, writeListCache } from '../../source/services/listCache.js';
import { expectNoFile } from '../support/noFile.js';
import { REGION, SESSION_NAME, START_URL, startCliStage, type CliStage } from '../support/cliStage.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const has = async (shell: string) =>
  run('sh', ['-c', `command -v ${shell}`]).then(
    () => true,
    () => false,
  );
const hasZsh = await has('zsh');
const hasFish = await has('fish');

const ACCOUNTS = [
  {
    accountId: '111111111111',
    accountName: 'payments-prod',
    emailAddress: '',
    roles: ['AdministratorAccess', 'ReadOnlyAccess'],
  },
  { accountId: '222222222222', accountName: 'payments-dev', emailAddress: '', roles: ['PowerUser'] },
  { accountId: '333333333333', accountName: 'My Team', emailAddress: '', roles: ['Billing'] },
  { accountId: '444444444444', accountName: 'pay$(touch PWNED)', emailAddress: '', roles: ['X'] },
];

let stage: CliStage;
let bin: string;
beforeAll(async () => {
  stage = await startCliStage({ accounts: 1 });
  bin = join(stage.home, 'bin');
  await mkdir(bin);
  // The scripts call `sso-tui` by name, as an installed program is found.
  await writeFile(join(bin, 'sso-tui'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  await chmod(join(bin, 'sso-tui'), 0o755);
  await writeListCache(
    listCacheFile(join(stage.home, '.config', 'sso-tui'), {
      name: SESSION_NAME,
      startUrl: START_URL,
      region: REGION,
      scopes: [],
    }),
    {
      accounts: ACCOUNTS.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
      roles: new Map(ACCOUNTS.map((account) => [account.accountId, account.roles])),
    },
  );
});
afterAll(async () => {
  await stage.close();
});

async function script(shell: string): Promise<string> {
  const result = await stage.run(['completion', shell]);
  expect(result.code).toBe(0);
  const file = join(stage.home, `completion.${shell}`);
  await writeFile(file, result.stdout);
  return file;
}

/** Sources the bash script and calls its function as bash does on Tab, with the line given as words. */
async function bashComplete(words: readonly string[]): Promise<string[]> {
  const file = await script('bash');
  const quoted = words.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
  const { stdout } = await run(
    'bash',
    [
      '-c',
      `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _sso_tui_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { env: { ...stage.env, PATH: `${bin}:${stage.env.PATH}` }, cwd: stage.home },
  );
  return stdout.split('\n').filter(Boolean).sort();
}

describe('sso-tui completion', () => {
  it('prints a bash script that bash accepts', async () => {
    await run('bash', ['-n', await script('bash')]);
  });

  it('completes commands and the flags of the command on the line', async () => {
    expect(await bashComplete(['sso-tui', 'po'])).toEqual(['populate']);
    expect(await bashComplete(['sso-tui', 'populate', '--pr'])).toEqual(['--prune']);
    expect(await bashComplete(['sso-tui', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
    expect(await bashComplete(['sso-tui', 'env', '--shell', 'f'])).toEqual(['fish']);
  });

  it('completes account names and ids from the cached list, quoted for the shell and never run', async () => {
    expect(await bashComplete(['sso-tui', 'export', '--account', 'payments-'])).toEqual([
      'payments-dev',
      'payments-prod',
    ]);
    expect(await bashComplete(['sso-tui', 'exec', '--account', '2222'])).toEqual(['222222222222']);
    expect(await bashComplete(['sso-tui', 'env', '--account', 'My'])).toEqual(['My\\ Team']);
    expect(await bashComplete(['sso-tui', 'env', '--account', 'pay$'])).toEqual([
      'pay\\$\\(touch\\ PWNED\\)',
    ]);
    await expectNoFile(join(stage.home, 'PWNED'));
  });

  it('completes role names of the account on the line', async () => {
    expect(await bashComplete(['sso-tui', 'env', '--account', 'payments-prod', '--role', ''])).toEqual([
      'AdministratorAccess',
      'ReadOnlyAccess',
    ]);
    expect(await bashComplete(['sso-tui', 'env', '--account', '222222222222', '--role', 'P'])).toEqual([
      'PowerUser',
    ]);
  });

  it('answers names from the cache without the network or a sign-in', async () => {
    stage.simulator.resetStats();
    const result = await stage.run(['__complete', 'accounts']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toContain('payments-prod');
    expect(stage.simulator.stats.portalCalls).toEqual([]);
  });

  it.skipIf(!hasZsh)(
    hasZsh ? 'prints a zsh script zsh accepts' : 'prints a zsh script zsh accepts — skipped: zsh is absent',
    async () => {
      await run('zsh', ['-n', await script('zsh')]);
    },
  );

  it('prints a zsh script whose syntax bash also parses (the check made without zsh)', async () => {
    await run('bash', ['-n', await script('zsh')]);
  });

  it.skipIf(!hasFish)(
    hasFish
      ? 'prints a fish script fish accepts'
      : 'prints a fish script fish accepts — skipped: fish is absent',
    async () => {
      await run('fish', ['--no-execute', await script('fish')]);
    },
  );

  it('prints a fish script of complete lines and one helper function', async () => {
    const lines = (await stage.run(['completion', 'fish'])).stdout
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    const outside = lines.filter((line) => !/^complete -c sso-tui /.test(line));
    expect(outside).toEqual([
      'function __fish_sso_tui_account',
      expect.stringMatching(/^ {4}/),
      expect.stringMatching(/^ {4}/),
      expect.stringMatching(/^ {4}/),
      expect.stringMatching(/^ {4}/),
      'end',
    ]);
    // fish takes \' inside single quotes as a quote; every other one opens or closes a string.
    for (const line of lines) expect(line.replaceAll("\\'", '').split("'").length % 2).toBe(1);
    const prune = /^complete -c sso-tui -n '__fish_seen_subcommand_from populate' -l prune -d '.+'$/;
    expect(lines.filter((line) => prune.test(line))).toHaveLength(1);
  });

  it('is a usage error without a shell or with one it does not know', async () => {
    expect((await stage.run(['completion'])).code).toBe(2);
    const tcsh = await stage.run(['completion', 'tcsh']);
    expect(tcsh.code).toBe(2);
    expect(tcsh.stderr).toContain('bash, zsh or fish');
  });
});
