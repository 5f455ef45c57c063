import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileLockedError } from '../../../source/services/awsFiles/awsFileErrors.js';
import { errorCode, withFileLock } from '../../../source/services/awsFiles/fileLock.js';
import { expectNoFile } from '../../support/noFile.js';
import { tempFolder } from '../../support/tempFolders.js';

// The lock every writer of ~/.aws and the caches holds (safeWrite.test.ts covers it through updateFile).

let lockPath: string;

beforeEach(async () => {
  lockPath = join(await tempFolder('sso-tui-lock-'), 'credentials.lock');
});

const options = (timeoutMs: number) => ({ timeoutMs, describe: 'The credentials file' });

async function gonePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('withFileLock', () => {
  it('holds a lock file with its pid while the action runs, then removes it', async () => {
    const held = await withFileLock(lockPath, options(1000), () => readFile(lockPath, 'utf8'));
    expect(held).toBe(`${process.pid}\n`);
    await expectNoFile(lockPath);
  });

  it('waits on a lock whose holder it cannot name, and says so', async () => {
    // Not a pid: a lock being written, or another program's; only its age could make it stale.
    for (const content of ['', 'x123\n', `${await gonePid()}x\n`]) {
      await writeFile(lockPath, content);
      const error = await withFileLock(lockPath, options(30), async () => 'ran').catch(
        (caught: unknown) => caught,
      );
      expect({ content, error }).toEqual({ content, error: expect.any(FileLockedError) });
      expect((error as FileLockedError).message).toBe(
        `The credentials file is being changed by another program, which holds the lock file ${lockPath}.`,
      );
      expect((error as FileLockedError).hint).toBe(
        'Try again in a moment; if no such program is running, delete the lock file.',
      );
      expect(await readFile(lockPath, 'utf8')).toBe(content);
    }
  });

  it('takes over the lock of a process that is gone, its pid written with or without a line end', async () => {
    for (const content of [`${await gonePid()}`, `${await gonePid()}\r\n`]) {
      await writeFile(lockPath, content);
      expect(await withFileLock(lockPath, options(5000), async () => 'ran')).toBe('ran');
      await expectNoFile(lockPath);
    }
  });

  it('leaves a lock that another process took over from it, and one already gone', async () => {
    const taken = await withFileLock(lockPath, options(1000), async () => {
      // Made beside it first, so it is another file (a file system may reuse a freed inode at once).
      await writeFile(`${lockPath}.theirs`, '999999\n');
      await rename(`${lockPath}.theirs`, lockPath);
      return 'ran';
    });
    expect({ taken, lock: await readFile(lockPath, 'utf8') }).toEqual({ taken: 'ran', lock: '999999\n' });
    await rm(lockPath);
    expect(await withFileLock(lockPath, options(1000), () => rm(lockPath).then(() => 'ran'))).toBe('ran');
  });

  it('fails at once, with the system error, when the lock cannot be made or read', async () => {
    const missingFolder = join(lockPath, '..', 'missing', 'x.lock');
    await expect(withFileLock(missingFolder, options(60_000), async () => 'ran')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await mkdir(lockPath);
    await expect(withFileLock(lockPath, options(60_000), async () => 'ran')).rejects.toMatchObject({
      code: 'EISDIR',
    });
  });
});

describe('errorCode', () => {
  it('reads a string code and nothing else', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'EEXIST' }))).toBe('EEXIST');
    expect(errorCode({ code: 5 })).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
  });
});
