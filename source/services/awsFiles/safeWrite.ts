import { mkdir, open, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomicWrite.js';
import { AwsFileAccessError, MalformedFileError } from './awsFileErrors.js';
import { errorCode, withFileLock } from './fileLock.js';

/** The files already backed up in this run; a `Set<string>` kept by the caller for the run will do. */
export interface BackupTracker {
  has(path: string): boolean;
  add(path: string): unknown;
}

export interface UpdateFileOptions {
  readonly backup: BackupTracker;
  /** How long to wait for another writer's lock; 10 s by default. */
  readonly lockTimeoutMs?: number;
  /**
   * Runs once the new text is safely in the temporary file, just before it replaces the file. Crash tests
   * use it to stop the process at the one moment where a careless writer would lose the file.
   */
  readonly beforeReplace?: () => Promise<void>;
}

const SECRET_FILE_MODE = 0o600;

/**
 * Applies `edit` to the file's text under a lock, so that concurrent writers never lose each other's
 * changes, and replaces the file atomically: a temporary file beside it, fsynced, renamed over it. Before
 * the first change to a file in a run, a copy is kept beside it as `<name>.sso-tui.bak`. A missing file
 * reads as ''. A symbolic link (a dotfiles manager's, say) is followed, so the link stays a link.
 */
export async function updateFile(
  path: string,
  edit: (oldText: string) => string,
  options: UpdateFileOptions,
): Promise<{ changed: boolean }> {
  const target = await realpath(path).catch(() => path);
  const folder = dirname(target);
  if (!(await isFolder(folder))) {
    // The folder (~/.aws) is only made when there is something to write into it.
    if (applyEdit(edit, '', path) === '') return { changed: false };
    await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw writeError(error, path);
    });
  }
  const lockOptions = { timeoutMs: options.lockTimeoutMs ?? 10_000, describe: path };
  const locked = withFileLock(`${target}.lock`, lockOptions, async () => {
    const current = await readCurrent(target, path);
    const next = applyEdit(edit, current.text, path);
    if (next === current.text) return { changed: false };
    if (!options.backup.has(target)) {
      if (current.bytes !== undefined) {
        await replaceFile(`${target}.sso-tui.bak`, current.bytes, SECRET_FILE_MODE, path);
      }
      options.backup.add(target);
    }
    await replaceFile(target, Buffer.from(next, 'utf8'), keptMode(current.mode), path, options.beforeReplace);
    return { changed: true };
  });
  return locked.catch((error: unknown) => {
    // Errors of the lock itself (a read-only folder, say); the file's own errors are already described.
    throw errorCode(error) === undefined ? error : writeError(error, path);
  });
}

function applyEdit(edit: (oldText: string) => string, text: string, path: string): string {
  try {
    return edit(text);
  } catch (error) {
    throw error instanceof MalformedFileError ? error.inFile(path) : error;
  }
}

interface CurrentFile {
  readonly text: string;
  readonly bytes: Buffer | undefined;
  readonly mode: number | undefined;
}

async function readCurrent(target: string, shownPath: string): Promise<CurrentFile> {
  let bytes: Buffer;
  let mode: number;
  try {
    const handle = await open(target, 'r');
    try {
      mode = (await handle.stat()).mode & 0o777;
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { text: '', bytes: undefined, mode: undefined };
    throw new AwsFileAccessError(
      `Cannot read ${shownPath} (${describeCode(error)}).`,
      'Check the file and its permissions.',
      {
        cause: error,
      },
    );
  }
  try {
    // Lossless or nothing: a file that is not UTF-8 would come back with other bytes where we never wrote.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, bytes, mode };
  } catch (error) {
    throw new AwsFileAccessError(
      `${shownPath} is not UTF-8 text, so sso-tui will not rewrite it.`,
      'Save it as UTF-8, then try again.',
      { cause: error },
    );
  }
}

/** A file's own mode is kept when it is 0600 or tighter; anything wider is narrowed to 0600. */
function keptMode(existing: number | undefined): number {
  if (existing === undefined) return SECRET_FILE_MODE;
  return (existing & ~SECRET_FILE_MODE) === 0 ? existing : SECRET_FILE_MODE;
}

async function replaceFile(
  target: string,
  data: Buffer,
  mode: number,
  shownPath: string,
  beforeReplace?: () => Promise<void>,
): Promise<void> {
  try {
    await writeFileAtomic(target, data, { mode, ...(beforeReplace ? { beforeReplace } : {}) });
  } catch (error) {
    throw errorCode(error) === undefined ? error : writeError(error, shownPath);
  }
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

function writeError(error: unknown, shownPath: string): AwsFileAccessError {
  return new AwsFileAccessError(
    `Could not write ${shownPath} (${describeCode(error)}); the file was left as it was.`,
    'Check the file, its folder and their permissions.',
    { cause: error },
  );
}

function describeCode(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a file stands where a folder should be';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the disk';
    default:
      return errorCode(error) ?? 'unknown error';
  }
}
