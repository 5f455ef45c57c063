import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE, runBundle, startCliStage, type CliStage, type RunResult } from '../support/cliStage.js';

// The special-file, backup and concurrent-writer rules of SPEC §7, against the built program.

const hasPython = spawnSync('python3', ['-c', 'import configparser'], { stdio: 'ignore' }).status === 0;

let stage: CliStage;
let credentialsFile: string;
beforeAll(() => {
  if (!existsSync(BUNDLE))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
});
beforeEach(async () => {
  stage = await startCliStage({ accounts: 3 });
  await stage.writeAwsCliToken();
  credentialsFile = join(stage.home, '.aws', 'credentials');
});
afterEach(async () => {
  await stage.close();
});

const exportTo = (profile: string, ...more: string[]): Promise<RunResult> => {
  const account = stage.simulator.organization.accounts[1]!;
  const argv = ['export', '--account', account.accountId, '--role', account.roles[0]!, '--profile', profile];
  return runBundle([...argv, ...more], stage.env);
};

function oneLine(outcome: RunResult): string {
  expect(outcome.code).toBe(1);
  expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  return outcome.stderr;
}

describe('export refuses what is not a regular file, in one line, at once', () => {
  it('a FIFO: no hang, the FIFO stays', async () => {
    expect(spawnSync('mkfifo', [credentialsFile]).status).toBe(0);
    const stderr = oneLine(await exportTo('dev'));
    expect(stderr).toContain(`${credentialsFile} is a FIFO (named pipe), not a regular file`);
    expect((await lstat(credentialsFile)).isFIFO()).toBe(true);
  });

  it('a FIFO: every command that calls Identity Center refuses it at once (the AWS SDK would block reading it)', async () => {
    expect(spawnSync('mkfifo', [credentialsFile]).status).toBe(0);
    const account = stage.simulator.organization.accounts[1]!;
    const pair = ['--account', account.accountId, '--role', account.roles[0]!];
    for (const argv of [
      ['list'],
      ['env', ...pair],
      ['exec', ...pair, '--', 'true'],
      ['populate', '--dry-run'],
      ['console', ...pair, '--print'],
      ['login'],
    ]) {
      const outcome = await runBundle(argv, stage.env);
      expect({ argv, code: outcome.code, stderr: outcome.stderr }).toEqual({
        argv,
        code: 1,
        stderr: expect.stringContaining(`${credentialsFile} is a FIFO (named pipe), not a regular file`),
      });
    }
    expect((await lstat(credentialsFile)).isFIFO()).toBe(true);
  });

  it('a link to /dev/null: the device is never replaced, no backup beside it', async () => {
    await symlink('/dev/null', credentialsFile);
    expect(oneLine(await exportTo('dev'))).toContain(`${credentialsFile} is a device`);
    expect((await lstat('/dev/null')).isCharacterDevice()).toBe(true);
    expect(existsSync('/dev/null.sso-tui.bak')).toBe(false);
    expect(existsSync('/dev/null.sso-tui.orig')).toBe(false);
  });

  it('a dangling link stays a link', async () => {
    await symlink(join(stage.home, 'gone'), credentialsFile);
    expect(oneLine(await exportTo('dev'))).toContain('is a symbolic link to nothing');
    expect((await lstat(credentialsFile)).isSymbolicLink()).toBe(true);
  });

  it('a read-only file keeps its mode and text', async () => {
    await writeFile(credentialsFile, '[a]\nk = v\n');
    await chmod(credentialsFile, 0o444);
    expect(oneLine(await exportTo('dev'))).toContain('is read-only (mode 0444)');
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o444);
  });

  it('follows a link to a regular file, keeps the link, and narrows a readable file with a note', async () => {
    const dotfiles = join(stage.home, 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, 'credentials'), '[a]\nk = v\n', { mode: 0o644 });
    await chmod(join(dotfiles, 'credentials'), 0o644);
    await symlink(join(dotfiles, 'credentials'), credentialsFile);
    const outcome = await exportTo('dev');
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(
      `Note: ${credentialsFile} was readable by others (mode 0644); it is 0600 now.`,
    );
    expect((await lstat(credentialsFile)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dotfiles, 'credentials'), 'utf8')).toContain('[dev]');
    expect((await stat(join(dotfiles, 'credentials'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dotfiles)).toEqual(['credentials']);
  });
});

describe('backups', () => {
  it('keep the original and the file before the latest run, after many runs, and nothing more', async () => {
    const original = '# mine, by hand\n[a]\naws_access_key_id = AKIAMINE\n';
    await writeFile(credentialsFile, original, { mode: 0o600 });
    let beforeLatest = original;
    for (const profile of ['one', 'two', 'three']) {
      beforeLatest = await readFile(credentialsFile, 'utf8');
      expect((await exportTo(profile)).code).toBe(0);
    }
    expect(await readFile(`${credentialsFile}.sso-tui.orig`, 'utf8')).toBe(original);
    expect(await readFile(`${credentialsFile}.sso-tui.bak`, 'utf8')).toBe(beforeLatest);
    expect(beforeLatest).toContain('[two]');
    const files = (await readdir(join(stage.home, '.aws'))).filter((name) => name.startsWith('credentials'));
    expect(files.sort()).toEqual(['credentials', 'credentials.sso-tui.bak', 'credentials.sso-tui.orig']);
  });
});

// Rewrites the file in place from its own fresh read, as configparser users (and `aws configure set`) do,
// adding one section per round until told to stop; prints how many it wrote. The text is formatted before
// the file is opened, so the truncate and the write follow each other: a writer that stalls between them
// for longer than sso-tui watches a replaced file (200 ms of quiet) is beyond what a lock-free check sees.
const UNLOCKED_WRITER = `
import configparser, io, os, sys
path, stop = sys.argv[1], sys.argv[2]
written = 0
while not os.path.exists(stop) or written < 20:
    parser = configparser.RawConfigParser()
    parser.read(path)
    name = 'py-%d' % written
    parser.add_section(name)
    parser.set(name, 'aws_access_key_id', 'AKIAPY%d' % written)
    text = io.StringIO()
    parser.write(text)
    with open(path, 'w') as handle:
        handle.write(text.getvalue())
    written += 1
print(written)
`;

describe('another program rewriting the file without a lock', () => {
  it.skipIf(!hasPython)(
    `loses none of its sections to sso-tui${hasPython ? '' : ' — skipped: python3 is not installed'}`,
    async () => {
      // Big enough that the writer's rewrite takes several write calls a reader can land between.
      const padding = Array.from({ length: 300 }, (_, index) => `[hand-${index}]\nregion = eu-west-1\n`);
      await writeFile(credentialsFile, padding.join(''), { mode: 0o600 });
      const stop = join(stage.home, 'stop');
      const writer = spawn('python3', ['-c', UNLOCKED_WRITER, credentialsFile, stop]);
      let printed = '';
      writer.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const finished = new Promise<number | null>((resolve) => writer.on('exit', resolve));
      for (let round = 0; round < 8; round += 1) {
        const outcome = await exportTo(`tui-${round}`, '--force');
        expect(outcome.stderr).not.toMatch(/Unexpected|stack/);
      }
      await writeFile(stop, '');
      expect(await finished).toBe(0);
      const written = Number(printed.trim());
      expect(written).toBeGreaterThanOrEqual(20);
      const text = await readFile(credentialsFile, 'utf8');
      const missing = Array.from({ length: written }, (_, index) => `py-${index}`).filter(
        (name) => !text.includes(`[${name}]\n`),
      );
      expect(missing).toEqual([]);
    },
    60_000,
  );
});
