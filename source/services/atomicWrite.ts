import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `data` so that no reader ever sees a half-written file: a temporary file in the same
 * folder (same file system, so the rename is atomic), fsynced, then renamed over the target.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: { mode: number; folderMode?: number },
): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: options.folderMode ?? 0o700 });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', options.mode);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.chmod(options.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; some file systems refuse fsync on a folder, which is harmless.
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
