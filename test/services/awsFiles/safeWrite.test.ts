import { spawn, spawnSync } from 'node:child_process';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AwsFileAccessError,
  FileLockedError,
  RefusedEditError,
  NotRegularFileError,
  ReadOnlyFileError,
} from '../../../source/services/awsFiles/awsFileErrors.js';
import { upsertSection } from '../../../source/services/awsFiles/iniEditor.js';
import { updateFile } from '../../../source/services/awsFiles/safeWrite.js';
import { expectNoFile } from '../../support/noFile.js';
import { tempFolder } from '../../support/tempFolders.js';

const isWindows = process.platform === 'win32';
const isRoot = process.getuid?.() === 0;

let folder: string;
let path: string;

beforeEach(async () => {
  folder = await tempFolder('sso-tui-safewrite-');
  path = join(folder, 'credentials');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function addProfile(name: string): (text: string) => string {
  return (text) =>
    upsertSection(text, { header: name }, [['aws_access_key_id', `ASIA${name.toUpperCase()}`]]);
}

function modeOf(info: { mode: number }): number {
  return info.mode & 0o777;
}

describe('updateFile, files and modes', () => {
  it.skipIf(isWindows)('creates a missing folder 0700 and a new file 0600', async () => {
    const nested = join(folder, 'home', '.aws', 'credentials');
    expect(await updateFile(nested, addProfile('dev'), { backup: new Set() })).toEqual({ changed: true });
    expect(await readFile(nested, 'utf8')).toBe('[dev]\naws_access_key_id = ASIADEV\n');
    expect(modeOf(await stat(nested))).toBe(0o600);
    expect(modeOf(await stat(join(folder, 'home', '.aws')))).toBe(0o700);
  });

  it('writes nothing, and makes no folder, when the text does not change', async () => {
    const nested = join(folder, 'absent', 'credentials');
    expect(await updateFile(nested, (text) => text, { backup: new Set() })).toEqual({ changed: false });
    await expectNoFile(join(folder, 'absent'));
    await writeFile(path, '[dev]\naws_access_key_id = ASIADEV\n');
    expect(await updateFile(path, addProfile('dev'), { backup: new Set() })).toEqual({ changed: false });
    expect(await readdir(folder)).toEqual(['credentials']);
  });

  it.skipIf(isWindows).each([
    [0o600, 0o600],
    [0o700, 0o700],
    [0o640, 0o600],
    [0o644, 0o600],
    [0o666, 0o600],
  ])('keeps or narrows an existing mode %o → %o, never wider than 0600', async (before, after) => {
    await writeFile(path, '[a]\nk = v\n');
    await chmod(path, before);
    await updateFile(path, addProfile('dev'), { backup: new Set() });
    expect(modeOf(await stat(path))).toBe(after);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n');
  });

  it('keeps a backup of the file as it was before the first change of the run, once', async () => {
    const original = '# hand edited — für Müller\r\n[a]\r\nk = v\r\n';
    await writeFile(path, original, { mode: 0o644 });
    const backup = new Set<string>();
    await updateFile(path, addProfile('one'), { backup });
    await updateFile(path, addProfile('two'), { backup });
    const backupPath = `${path}.sso-tui.bak`;
    expect(await readFile(backupPath, 'utf8')).toBe(original);
    if (!isWindows) expect(modeOf(await stat(backupPath))).toBe(0o600);

    const afterRun = await readFile(path, 'utf8');
    await updateFile(path, addProfile('three'), { backup: new Set() });
    expect(await readFile(backupPath, 'utf8')).toBe(afterRun);
  });

  it('keeps an empty .orig for a file that did not exist: going back means no profiles', async () => {
    await updateFile(path, addProfile('dev'), { backup: new Set() });
    expect((await readdir(folder)).sort()).toEqual(['credentials', 'credentials.sso-tui.orig']);
    expect(await readFile(`${path}.sso-tui.orig`, 'utf8')).toBe('');
  });

  it.skipIf(isWindows)('follows a symbolic link, so the link stays a link', async () => {
    const real = join(folder, 'dotfiles-credentials');
    await writeFile(real, '[a]\nk = v\n', { mode: 0o600 });
    await symlink(real, path);
    await updateFile(path, addProfile('dev'), { backup: new Set() });
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toContain('[dev]');
  });
});

describe('updateFile, only regular files', () => {
  it.skipIf(isWindows)('refuses a FIFO at once without opening it (which would block)', async () => {
    const made = spawnSync('mkfifo', [path]);
    expect(made.status).toBe(0);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotRegularFileError);
    expect((error as Error).message).toBe(
      `${path} is a FIFO (named pipe), not a regular file; sso-tui only rewrites regular files and left it alone.`,
    );
    expect((await lstat(path)).isFIFO()).toBe(true);
    expect(await readdir(folder)).toEqual(['credentials']);
  });

  it.skipIf(isWindows)('refuses a link to a device and writes no backup beside it', async () => {
    await symlink('/dev/null', path);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotRegularFileError);
    expect((error as Error).message).toContain(`${path} is a device`);
    expect((await lstat('/dev/null')).isCharacterDevice()).toBe(true);
    await expectNoFile('/dev/null.sso-tui.bak');
    expect(await readdir(folder)).toEqual(['credentials']);
  });

  it.skipIf(isWindows)('refuses a dangling link instead of replacing it with a file', async () => {
    await symlink(join(folder, 'nowhere'), path);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toContain(`${path} is a symbolic link to nothing`);
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readdir(folder)).toEqual(['credentials']);
  });

  it.skipIf(isWindows)('refuses a file its owner made read-only, leaving its mode', async () => {
    await writeFile(path, '[a]\nk = v\n');
    await chmod(path, 0o444);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ReadOnlyFileError);
    expect((error as Error).message).toBe(`${path} is read-only (mode 0444); sso-tui left it alone.`);
    expect(modeOf(await stat(path))).toBe(0o444);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n');
  });

  it.skipIf(isWindows)('reports the mode it narrowed', async () => {
    await writeFile(path, '[a]\nk = v\n');
    await chmod(path, 0o644);
    expect(await updateFile(path, addProfile('dev'), { backup: new Set() })).toEqual({
      changed: true,
      narrowedFromMode: 0o644,
    });
  });

  it.skipIf(isWindows || !isRoot)(
    `keeps the owner of another user's file when root rewrites it${isRoot ? '' : ' — skipped: needs root'}`,
    async () => {
      await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
      await chown(path, 4321, 4322);
      await updateFile(path, addProfile('dev'), { backup: new Set() });
      const info = await stat(path);
      expect([info.uid, info.gid]).toEqual([4321, 4322]);
      expect(await readFile(path, 'utf8')).toContain('[dev]');
    },
  );
});

describe('updateFile, backups', () => {
  it('keeps the original and the file before the latest run, after any number of runs, and no more', async () => {
    const original = '# mine\n[a]\nk = v\n';
    await writeFile(path, original, { mode: 0o600 });
    let beforeLatest = original;
    for (const name of ['one', 'two', 'three', 'four']) {
      beforeLatest = await readFile(path, 'utf8');
      const run = new Set<string>();
      await updateFile(path, addProfile(name), { backup: run });
      await updateFile(path, addProfile(`${name}-again`), { backup: run });
    }
    expect(await readFile(`${path}.sso-tui.orig`, 'utf8')).toBe(original);
    expect(await readFile(`${path}.sso-tui.bak`, 'utf8')).toBe(beforeLatest);
    expect(beforeLatest).toContain('[three-again]');
    expect((await readdir(folder)).sort()).toEqual([
      'credentials',
      'credentials.sso-tui.bak',
      'credentials.sso-tui.orig',
    ]);
  });

  it.skipIf(isWindows)('keeps backups beside the link, not in the folder the link leads to', async () => {
    const dotfiles = join(folder, 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, 'credentials'), '[a]\nk = v\n', { mode: 0o600 });
    await symlink(join(dotfiles, 'credentials'), path);
    await updateFile(path, addProfile('dev'), { backup: new Set() });
    expect(await readdir(dotfiles)).toEqual(['credentials']);
    expect(await readFile(`${path}.sso-tui.orig`, 'utf8')).toBe('[a]\nk = v\n');
  });
});

describe('updateFile, failures', () => {
  it('leaves the old file intact and removes the temporary file when the write fails', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const failure = new Error('disk pulled out');
    await expect(
      updateFile(path, addProfile('dev'), {
        backup: new Set(),
        beforeReplace: () => Promise.reject(failure),
      }),
    ).rejects.toBe(failure);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n');
    expect((await readdir(folder)).sort()).toEqual([
      'credentials',
      'credentials.sso-tui.bak',
      'credentials.sso-tui.orig',
    ]);
  });

  it('names the file when it is a folder', async () => {
    await mkdir(path);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AwsFileAccessError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toBe(
      `${path} is a folder, not a regular file; sso-tui only rewrites regular files and left it alone.`,
    );
  });

  it.skipIf(isWindows || isRoot)(
    `names the file when it cannot be read${isRoot ? ' — skipped: root reads any file' : ''}`,
    async () => {
      await writeFile(path, '[a]\n', { mode: 0o000 });
      const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AwsFileAccessError);
      expect((error as Error).message).toBe(`Cannot read ${path} (permission denied).`);
    },
  );

  it('refuses to rewrite a file that is not UTF-8', async () => {
    const latin1 = Buffer.from('# M\xfcller\n[a]\nk = v\n', 'latin1');
    await writeFile(path, latin1);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AwsFileAccessError);
    expect((error as Error).message).toBe(`${path} is not UTF-8 text, so sso-tui will not rewrite it.`);
    expect(await readFile(path)).toEqual(latin1);
  });

  it('fills in the path of a malformed file and leaves it alone', async () => {
    await writeFile(path, '[dev]\nbroken\n');
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RefusedEditError);
    expect((error as Error).message).toMatch(new RegExp(`^${path} was not changed: .*line 2`));
    expect(await readFile(path, 'utf8')).toBe('[dev]\nbroken\n');
  });
});

describe('updateFile, the lock', () => {
  const lockPath = (): string => `${path}.lock`;

  it('waits for a live holder and gives up with a clear error', async () => {
    await writeFile(lockPath(), `${process.pid}\n`);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set(), lockTimeoutMs: 50 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect((error as Error).message).toContain(`process ${process.pid}`);
    expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    await expectNoFile(path);
  });

  it('goes ahead once the holder lets go, and removes its own lock', async () => {
    await writeFile(lockPath(), `${process.pid}\n`);
    const update = updateFile(path, addProfile('dev'), { backup: new Set() });
    await rm(lockPath());
    expect(await update).toEqual({ changed: true });
    expect((await readdir(folder)).sort()).toEqual(['credentials', 'credentials.sso-tui.orig']);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    await writeFile(lockPath(), `${child.pid}\n`);
    expect(await updateFile(path, addProfile('dev'), { backup: new Set(), lockTimeoutMs: 60_000 })).toEqual({
      changed: true,
    });
    expect((await readdir(folder)).sort()).toEqual(['credentials', 'credentials.sso-tui.orig']);
  });

  it('takes over a lock older than 30 s, even of a live process', async () => {
    await writeFile(lockPath(), `${process.pid}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath(), longAgo, longAgo);
    expect(await updateFile(path, addProfile('dev'), { backup: new Set(), lockTimeoutMs: 60_000 })).toEqual({
      changed: true,
    });
    expect((await readdir(folder)).sort()).toEqual(['credentials', 'credentials.sso-tui.orig']);
  });
});
