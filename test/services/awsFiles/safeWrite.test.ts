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
import { changeSection, editSections, upsertSection } from '../../../source/services/awsFiles/iniEditor.js';
import { checkRewritable, updateFile } from '../../../source/services/awsFiles/safeWrite.js';
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

  it('writes an edit kept as changes from the bytes it read and the new runs, and nothing when none changes', async () => {
    const change = (text: string) =>
      changeSection(text, { header: 'dev' }, [['aws_access_key_id', 'ASIADEV']]);
    await writeFile(path, '# note\n[a]\nk = v\n\n[dev]\naws_access_key_id = OLD\n[b]\nk = w', {
      mode: 0o600,
    });
    expect(await updateFile(path, change, { backup: new Set() })).toEqual({ changed: true });
    expect(await readFile(path, 'utf8')).toBe(
      '# note\n[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n[b]\nk = w',
    );
    expect(await updateFile(path, change, { backup: new Set() })).toEqual({ changed: false });
    // A file that is not ASCII is written from the new text, encoded whole.
    await writeFile(path, '# café\n[dev]\naws_access_key_id = OLD\n[b]\nk = ☕\n');
    expect(await updateFile(path, change, { backup: new Set() })).toEqual({ changed: true });
    expect(await readFile(path, 'utf8')).toBe('# café\n[dev]\naws_access_key_id = ASIADEV\n[b]\nk = ☕\n');
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

  it('hands the edit an empty text for a file not there yet', async () => {
    const seen: string[] = [];
    const edit = (text: string): string => {
      seen.push(text);
      return addProfile('dev')(text);
    };
    await updateFile(path, edit, { backup: new Set() });
    expect(seen).toEqual(['']);
    expect(await readFile(path, 'utf8')).toBe('[dev]\naws_access_key_id = ASIADEV\n');
  });

  it('empties a file when its last profile is removed', async () => {
    await writeFile(path, '[dev]\naws_access_key_id = ASIADEV\n', { mode: 0o600 });
    const removeDev = (text: string): string => editSections(text, [{ header: 'dev', remove: true }]);
    expect(await updateFile(path, removeDev, { backup: new Set() })).toEqual({ changed: true });
    expect(await readFile(path, 'utf8')).toBe('');
  });

  it('hands the edit every byte of the text, a byte order mark at its start included', async () => {
    // botocore cannot read such a file, so the editor refuses it; the write itself must not hide the mark.
    await writeFile(path, '\uFEFF[a]\nk = v\n', { mode: 0o600 });
    const seen: string[] = [];
    const appendNote = (text: string): string => {
      seen.push(text);
      return `${text}# note\n`;
    };
    await updateFile(path, appendNote, { backup: new Set() });
    expect(seen).toEqual(['\uFEFF[a]\nk = v\n']);
    expect(await readFile(path)).toEqual(Buffer.from('\uFEFF[a]\nk = v\n# note\n', 'utf8'));
  });

  it.skipIf(isWindows)('reports no narrowing for a file that was 0600 already', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    expect(await updateFile(path, addProfile('dev'), { backup: new Set() })).toEqual({ changed: true });
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

  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'it is a folder'],
    ['ENOTDIR', 'a file stands where a folder should be'],
    ['EROFS', 'read-only file system'],
    ['ENOSPC', 'no space left on the disk'],
    ['ELOOP', 'too many symbolic links'],
    ['EIO', 'EIO'],
  ])('says what failed when the write fails with %s, and leaves the file', async (code, words) => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const failure = Object.assign(new Error(`${code}: the system said no`), { code });
    const error = await updateFile(path, addProfile('dev'), {
      backup: new Set(),
      beforeReplace: () => Promise.reject(failure),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsFileAccessError);
    expect(error).toMatchObject({
      message: `Could not write ${path} (${words}); the file was left as it was.`,
      hint: 'Check the file, its folder and their permissions.',
      cause: failure,
    });
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n');
  });

  it('names the file when a file stands where its folder should be, before and during a write', async () => {
    await writeFile(join(folder, 'aws'), 'not a folder');
    const inside = join(folder, 'aws', 'credentials');
    for (const attempt of [
      updateFile(inside, addProfile('dev'), { backup: new Set() }),
      checkRewritable(inside),
    ]) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AwsFileAccessError);
      expect(error).toMatchObject({
        message: `Cannot read ${inside} (a file stands where a folder should be).`,
        hint: 'Check the file and its permissions.',
        cause: { code: 'ENOTDIR' },
      });
    }
    expect(await readFile(join(folder, 'aws'), 'utf8')).toBe('not a folder');
  });

  it('lets an error without a system code through as it is', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const failure = new Error('the edit broke');
    await expect(
      updateFile(
        path,
        () => {
          throw failure;
        },
        { backup: new Set() },
      ),
    ).rejects.toBe(failure);
    await expect(checkRewritable(path)).resolves.toBeUndefined();
  });

  it.skipIf(isWindows)('refuses at once, before any work, a path it would not rewrite', async () => {
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    await expect(checkRewritable(path)).rejects.toBeInstanceOf(NotRegularFileError);
  });

  it.skipIf(isWindows)(
    'names the file when its folder is a link to nothing, and leaves the link',
    async () => {
      // ~/.aws linked into a dotfiles folder that is not there: the folder cannot be made through the link.
      await symlink(join(folder, 'dotfiles-aws'), join(folder, 'aws'));
      const inside = join(folder, 'aws', 'credentials');
      const error = await updateFile(inside, addProfile('dev'), { backup: new Set() }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AwsFileAccessError);
      expect(error).toMatchObject({
        message: `Could not write ${inside} (ENOENT); the file was left as it was.`,
        cause: { code: 'ENOENT' },
      });
      expect((await lstat(join(folder, 'aws'))).isSymbolicLink()).toBe(true);
      await expectNoFile(join(folder, 'dotfiles-aws'));
    },
  );

  it('names the file when a folder stands where its lock goes, and leaves the file', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    await mkdir(`${path}.lock`);
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AwsFileAccessError);
    expect(error).toMatchObject({
      message: `Could not write ${path} (it is a folder); the file was left as it was.`,
      cause: { code: 'EISDIR' },
    });
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n');
  });

  it('names the file when its backup cannot be written, and leaves the file', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    await mkdir(`${path}.sso-tui.bak`);
    await writeFile(join(`${path}.sso-tui.bak`, 'inside'), '');
    const error = await updateFile(path, addProfile('dev'), { backup: new Set() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AwsFileAccessError);
    expect((error as Error).message).toBe(
      `Could not write ${path} (it is a folder); the file was left as it was.`,
    );
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n');
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
    expect((error as AwsFileAccessError).hint).toBe('Save it as UTF-8, then try again.');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
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
