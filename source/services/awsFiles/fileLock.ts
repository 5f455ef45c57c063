import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileLockedError } from './awsFileErrors.js';

/** A lock older than this is left over from a crash or a hung process: our own hold lasts milliseconds. */
const STALE_AFTER_MS = 30_000;

/**
 * Runs `action` while holding `lockPath`, a file created with O_EXCL that holds our pid. Waits with a
 * small growing backoff while another live process holds it; a lock whose process is gone, or that is
 * older than 30 s, is stale and taken over.
 */
export async function withFileLock<T>(
  lockPath: string,
  options: { timeoutMs: number; describe: string },
  action: () => Promise<T>,
): Promise<T> {
  const inode = await acquire(lockPath, options);
  try {
    return await action();
  } finally {
    await release(lockPath, inode);
  }
}

async function acquire(lockPath: string, options: { timeoutMs: number; describe: string }): Promise<bigint> {
  const deadline = Date.now() + options.timeoutMs;
  let delayMs = 5;
  for (;;) {
    const inode = await tryCreate(lockPath);
    if (inode !== undefined) return inode;
    const holder = await inspect(lockPath);
    if (holder === undefined) continue;
    if (isStale(holder)) {
      await takeOver(lockPath, holder.inode);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder.pid === undefined ? 'another program' : `another program (process ${holder.pid})`;
      throw new FileLockedError(
        `${options.describe} is being changed by ${who}, which holds the lock file ${lockPath}.`,
        'Try again in a moment; if no such program is running, delete the lock file.',
      );
    }
    // Jitter keeps many waiting writers from retrying in step.
    await sleep(delayMs + Math.random() * delayMs);
    delayMs = Math.min(delayMs * 2, 100);
  }
}

async function tryCreate(lockPath: string): Promise<bigint | undefined> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    throw error;
  }
  try {
    await handle.writeFile(`${process.pid}\n`);
    return (await handle.stat({ bigint: true })).ino;
  } catch (error) {
    await unlink(lockPath).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

interface Holder {
  readonly inode: bigint;
  readonly pid: number | undefined;
  readonly ageMs: number;
}

async function inspect(lockPath: string): Promise<Holder | undefined> {
  try {
    const info = await stat(lockPath, { bigint: true });
    const content = await readFile(lockPath, 'utf8');
    // An empty file is a lock being created right now: only its age can make it stale.
    const pid = /^\d+\s*$/.test(content) ? Number.parseInt(content, 10) : undefined;
    return { inode: info.ino, pid, ageMs: Date.now() - Number(info.mtimeMs) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(holder: Holder): boolean {
  if (holder.ageMs > STALE_AFTER_MS) return true;
  return holder.pid !== undefined && !isRunning(holder.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Moves the stale lock aside rather than deleting it by name: if another process replaced it in the
 * meantime, the file moved is that process's live lock (another inode), and it is put back with `link`,
 * which never overwrites.
 */
async function takeOver(lockPath: string, staleInode: bigint): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await stat(aside, { bigint: true });
  if (moved.ino !== staleInode) {
    await link(aside, lockPath).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
  }
  await unlink(aside);
}

async function release(lockPath: string, inode: bigint): Promise<void> {
  // Only our own lock is removed: after a takeover (we were judged stale) the file may be someone else's.
  const current = await stat(lockPath, { bigint: true }).catch(() => undefined);
  if (current?.ino === inode) await unlink(lockPath).catch(() => undefined);
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
