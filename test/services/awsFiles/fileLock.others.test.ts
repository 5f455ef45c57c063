import { readdirSync, readlinkSync } from 'node:fs';
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileLockedError } from '../../../source/services/awsFiles/awsFileErrors.js';
import { withFileLock } from '../../../source/services/awsFiles/fileLock.js';
import { expectNoFile } from '../../support/noFile.js';
import { tempFolder } from '../../support/tempFolders.js';

// The lock against other writers at the moments no in-process test can reach on its own: another process
// acting between our look at a stale lock and our moving it aside (the file system calls let the test in
// just before they run), a holder of another user (whom root's signal check cannot tell), a full disk, and
// the waits themselves (the pauses recorded instead of slept, the clock still where it matters).

type FsPromises = typeof import('node:fs/promises');

const others = vi.hoisted(() => ({
  /** Runs once, instead of the next rename; `real` is the file system's own. */
  rename: undefined as ((from: string, to: string, real: FsPromises) => Promise<void>) | undefined,
  link: undefined as ((from: string, to: string, real: FsPromises) => Promise<void>) | undefined,
  /** Runs on the handle of the next open before it is handed on. */
  opened: undefined as ((handle: import('node:fs/promises').FileHandle) => void) | undefined,
  /** The pauses asked for, when recorded instead of slept; `during` runs at each. */
  pauses: undefined as number[] | undefined,
  during: undefined as ((count: number) => Promise<void>) | undefined,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<FsPromises>();
  const once = <K extends 'rename' | 'link'>(name: K) =>
    (async (from: string, to: string) => {
      const hook = others[name];
      others[name] = undefined;
      return hook ? hook(from, to, real) : real[name](from, to);
    }) as FsPromises[K];
  const open = (async (...args: Parameters<FsPromises['open']>) => {
    const handle = await real.open(...args);
    const hook = others.opened;
    others.opened = undefined;
    hook?.(handle);
    return handle;
  }) as FsPromises['open'];
  const mocked = { ...real, rename: once('rename'), link: once('link'), open };
  return { ...mocked, default: mocked };
});

vi.mock('node:timers/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:timers/promises')>();
  const setTimeout = async (ms: number): Promise<void> => {
    if (others.pauses === undefined) return real.setTimeout(ms);
    others.pauses.push(ms);
    await others.during?.(others.pauses.length);
  };
  return { ...real, setTimeout, default: { ...real, setTimeout } };
});

let lockPath: string;

beforeEach(async () => {
  lockPath = join(await tempFolder('sso-tui-lock-others-'), 'credentials.lock');
});

afterEach(() => {
  others.rename = undefined;
  others.link = undefined;
  others.opened = undefined;
  others.pauses = undefined;
  others.during = undefined;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const options = (timeoutMs: number) => ({ timeoutMs, describe: 'The credentials file' });

/** A pid no process has: far above any the kernel hands out here. */
const GONE_PID = 4_000_000;

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: the system said no`), { code });
}

/** Makes `content` the lock file at once, as another process would: written beside it, renamed over it. */
async function replaceLock(content: string, real: FsPromises): Promise<void> {
  await writeFile(`${lockPath}.theirs`, content);
  await real.rename(`${lockPath}.theirs`, lockPath);
}

/** The files this process still has open beside the lock (Linux: /proc/self/fd). */
function openFilesBesideLock(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dirname(lockPath)) ? [target] : [];
    } catch {
      return [];
    }
  });
}

describe('taking over a stale lock while others act', () => {
  it('goes on when the stale lock is gone as it is moved aside (another writer took it and let go)', async () => {
    await writeFile(lockPath, `${GONE_PID}\n`);
    others.rename = async (from, to, real) => {
      await rm(lockPath);
      await real.rename(from, to);
    };
    expect(await withFileLock(lockPath, options(1000), async () => 'ran')).toBe('ran');
    expect(await readdir(dirname(lockPath))).toEqual([]);
  });

  it('fails with the system error when the stale lock cannot be moved aside, and leaves it', async () => {
    await writeFile(lockPath, `${GONE_PID}\n`);
    const failure = systemError('EBUSY');
    others.rename = () => Promise.reject(failure);
    await expect(withFileLock(lockPath, options(1000), async () => 'ran')).rejects.toBe(failure);
    expect(await readFile(lockPath, 'utf8')).toBe(`${GONE_PID}\n`);
  });

  it('puts back the live lock another writer made in that moment, and waits on it', async () => {
    await writeFile(lockPath, `${GONE_PID}\n`);
    others.rename = async (from, to, real) => {
      await replaceLock(`${process.pid}\n`, real);
      await real.rename(from, to);
    };
    const error = await withFileLock(lockPath, options(50), async () => 'ran').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
    expect(await readdir(dirname(lockPath))).toEqual(['credentials.lock']);
  });

  it('leaves the lock a third writer made before that one could be put back', async () => {
    await writeFile(lockPath, `${GONE_PID}\n`);
    others.rename = async (from, to, real) => {
      await replaceLock(`${process.pid}\n`, real);
      await real.rename(from, to);
    };
    others.link = async (from, to, real) => {
      await writeFile(lockPath, `${process.pid}\nthird\n`);
      await real.link(from, to);
    };
    const error = await withFileLock(lockPath, options(50), async () => 'ran').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\nthird\n`);
    expect(await readdir(dirname(lockPath))).toEqual(['credentials.lock']);
  });

  it('fails with the system error when the live lock cannot be put back', async () => {
    await writeFile(lockPath, `${GONE_PID}\n`);
    others.rename = async (from, to, real) => {
      await replaceLock(`${process.pid}\n`, real);
      await real.rename(from, to);
    };
    const failure = systemError('EIO');
    others.link = () => Promise.reject(failure);
    await expect(withFileLock(lockPath, options(1000), async () => 'ran')).rejects.toBe(failure);
  });
});

describe('a holder that belongs to another user', () => {
  it('is taken as running when the signal check is refused (EPERM), and waited on', async () => {
    const kill = process.kill.bind(process);
    vi.spyOn(process, 'kill').mockImplementation((pid, signal) => {
      if (pid === GONE_PID) throw systemError('EPERM');
      return kill(pid, signal);
    });
    await writeFile(lockPath, `${GONE_PID}\n`);
    const error = await withFileLock(lockPath, options(30), async () => 'ran').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect((error as Error).message).toBe(
      `The credentials file is being changed by another program (process ${GONE_PID}), which holds the lock file ${lockPath}.`,
    );
    expect(await readFile(lockPath, 'utf8')).toBe(`${GONE_PID}\n`);
  });
});

describe.skipIf(process.platform !== 'linux')('the lock file’s handle', () => {
  it('is closed once the pid is written', async () => {
    expect(await withFileLock(lockPath, options(1000), async () => openFilesBesideLock())).toEqual([]);
  });

  it('is closed, and the lock removed, when the pid cannot be written (a full disk)', async () => {
    const failure = systemError('ENOSPC');
    others.opened = (handle) => {
      handle.writeFile = () => Promise.reject(failure);
    };
    await expect(withFileLock(lockPath, options(1000), async () => 'ran')).rejects.toBe(failure);
    await expectNoFile(lockPath);
    expect(openFilesBesideLock()).toEqual([]);
  });
});

describe('waiting for a live holder', () => {
  it('waits 5 ms at first, doubling up to 100 ms, each wait with up to as much again at random', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    await writeFile(lockPath, `${process.pid}\n`);
    others.pauses = [];
    others.during = async (count) => {
      if (count === 8) await rm(lockPath);
    };
    expect(await withFileLock(lockPath, options(60_000), async () => 'ran')).toBe('ran');
    expect(others.pauses).toEqual([7.5, 15, 30, 60, 120, 150, 150, 150]);
  });

  it('gives up when the deadline has come, not a wait later', async () => {
    await writeFile(lockPath, `${process.pid}\n`);
    vi.useFakeTimers({ toFake: ['Date'] });
    others.pauses = [];
    const error = await withFileLock(lockPath, options(0), async () => 'ran').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect(others.pauses).toEqual([]);
  });

  it('takes a lock as stale only once it is older than 30 s', async () => {
    const written = new Date('2026-01-02T03:04:05Z');
    await writeFile(lockPath, `${process.pid}\n`);
    await utimes(lockPath, written, written);
    vi.useFakeTimers({ toFake: ['Date'], now: written.getTime() + 30_000 });
    await expect(withFileLock(lockPath, options(0), async () => 'ran')).rejects.toBeInstanceOf(
      FileLockedError,
    );
    vi.setSystemTime(written.getTime() + 30_001);
    expect(await withFileLock(lockPath, options(0), async () => 'ran')).toBe('ran');
    await expectNoFile(lockPath);
  });
});
