import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { open, readdir, rm, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Set exactly, whatever the umask. */
  readonly mode: number;
  /** The owner and group to give the file (an existing file's, when root rewrites another user's file). */
  readonly owner?: { readonly uid: number; readonly gid: number };
  /**
   * Runs once the new content is safely in the temporary file, just before it replaces the file. Crash
   * tests use it to stop the process at the one moment where a careless writer would lose the file.
   */
  readonly beforeReplace?: () => Promise<void>;
}

/**
 * Replaces `path` with `data` so that no reader ever sees a half-written file: a temporary file in the same
 * folder (same file system, so the rename is atomic), fsynced, then renamed over the target. On failure the
 * old file is left as it was and the temporary file is removed.
 */
export async function writeFileAtomic(
  path: string,
  /** Text or bytes; or either in parts, so a big file is never one string or buffer in memory. */
  data: string | Uint8Array | Iterable<string> | Iterable<Uint8Array>,
  options: AtomicWriteOptions,
): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await removeOrphans(folder, basename(path));
  try {
    const handle = await open(temporary, 'wx', options.mode);
    try {
      await writeFile(handle, data);
      await handle.chmod(options.mode);
      if (options.owner) await keepOwner(handle, options.owner);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeReplace?.();
    // Synchronous: a busy thread pool must not put time between the caller's last look and the rename.
    renameSync(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function keepOwner(handle: FileHandle, owner: { uid: number; gid: number }): Promise<void> {
  const created = await handle.stat();
  if (created.uid !== owner.uid || created.gid !== owner.gid) await handle.chown(owner.uid, owner.gid);
}

/**
 * Temporary files of `name` left by writers that died before their rename (killed, power cut). Only those
 * of processes that no longer exist: a live writer's file is in use.
 */
async function removeOrphans(folder: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const candidate of names) {
    if (!candidate.startsWith(prefix)) continue;
    const pid = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(candidate.slice(prefix.length))?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) await rm(join(folder, candidate), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; some systems (Windows) refuse fsync on a folder, which is harmless.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
