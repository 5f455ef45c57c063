import { closeSync, openSync, statSync, type Stats } from 'node:fs';
import { lstat, mkdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../atomicWrite.js';
import {
  decodeUtf8,
  descriptorHolds,
  handleHolds,
  openRegularFile,
  readWhole,
  readWholeAgain,
  replacementMode,
  resolveWritableFile,
  SECRET_FILE_MODE,
  type FileOwnership,
} from '../regularFile.js';
import { AwsFileAccessError, FileKeepsChangingError, RefusedEditError } from './awsFileErrors.js';
import { errorCode, withFileLock } from './fileLock.js';
import { bytesOf, ChangedText } from './changedText.js';
import { joinLines, splitLines } from './iniLines.js';
import { parseIni } from './iniParser.js';

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

/** The new text from the old; a `ChangedText` is written from the file's own bytes and the changed runs. */
export type FileEdit = (oldText: string) => string | ChangedText;

export interface UpdateResult {
  readonly changed: boolean;
  /** The mode the file had when group or others could read it; it is 0600 now. */
  readonly narrowedFromMode?: number;
}

/** The names of the two backups beside `path`: before sso-tui first changed it, before the latest run. */
export function backupPaths(path: string): { original: string; latest: string } {
  const base = join(dirname(path), basename(path));
  return { original: `${base}.sso-tui.orig`, latest: `${base}.sso-tui.bak` };
}

// A writer that never stops rewriting the file: give up rather than loop for ever.
const GIVE_UP_AFTER_MS = 15_000;

/**
 * Applies `edit` to the file's text under a lock, so that concurrent sso-tui writers never lose each
 * other's changes, and replaces the file atomically: a temporary file beside it, fsynced, renamed over it.
 *
 * Only a regular file is rewritten (see `resolveWritableFile`); its owner and mode are kept, but for a
 * group- or world-readable file, which becomes 0600. Programs that rewrite the file in place without a
 * lock (AWS CLI's `configure set`, Python's configparser) are caught twice: just before the rename the
 * file is compared with what was read (inode, size, mtime and every byte), and just after it the
 * replaced file is checked for writes that landed in it meanwhile (the sections they added are carried
 * over into the file as it is then); either way the edit is redone on the new content. An edit refused while the file was changing is retried too, since it may have read a file
 * half written.
 *
 * Backups beside the file (named by `backupPaths`): `.sso-tui.orig` is the file as it was before sso-tui
 * first changed it (written once, kept for ever), `.sso-tui.bak` the file as it was before the first
 * change of this run. A missing file reads as ''.
 */
export async function updateFile(
  path: string,
  edit: FileEdit,
  options: UpdateFileOptions,
): Promise<UpdateResult> {
  const { target } = await resolveWritableFile(path).catch((error: unknown) => {
    throw errorCode(error) === undefined ? error : readError(error, path);
  });
  const folder = dirname(target);
  if (!(await isFolder(folder))) {
    // The folder (~/.aws) is only made when there is something to write into it.
    if (applyEdit(edit, '', path).toString() === '') return { changed: false };
    await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw writeError(error, path);
    });
  }
  const lockOptions = { timeoutMs: options.lockTimeoutMs ?? 10_000, describe: path };
  const locked = withFileLock(`${target}.lock`, lockOptions, () =>
    editUnderLock(path, target, edit, options),
  );
  return locked.catch((error: unknown) => {
    // Errors of the lock itself (a read-only folder, say); the file's own errors are already described.
    throw errorCode(error) === undefined ? error : writeError(error, path);
  });
}

/**
 * Refuses at once, before any other work, a path `updateFile` would refuse: not a regular file, a link to
 * nothing, read-only.
 */
export async function checkRewritable(path: string): Promise<void> {
  await resolveWritableFile(path).catch((error: unknown) => {
    throw errorCode(error) === undefined ? error : readError(error, path);
  });
}

/** What was read, and what the file at the path must still be for the rename to go ahead. */
interface Source {
  /** The text to edit; the file's own text, or that with what another program added meanwhile. */
  readonly text: string;
  /** The text at the path now: an edit that gives it back changes nothing. */
  readonly onDisk: string;
  readonly bytes: Buffer | undefined;
  readonly ownership: FileOwnership | undefined;
  /** The handle the text came from, watched for writes that land after the rename. */
  readonly handle: FileHandle | undefined;
  /** What the path held when the text was taken. */
  readonly expected: Snapshot | undefined;
}

interface Snapshot {
  readonly inode: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** The bytes themselves, compared whole: cheaper than hashing them at every look, and exact. */
  readonly bytes: Buffer;
}

class ChangedBeforeRename extends Error {}

async function editUnderLock(
  path: string,
  target: string,
  edit: FileEdit,
  options: UpdateFileOptions,
): Promise<UpdateResult> {
  // Sections another program added to a file as it was being replaced, kept for every later read.
  const carried: Array<{ base: string; late: string }> = [];
  // What the first write did: a later round, after another program's late write, may find nothing to do.
  let written: UpdateResult | undefined;
  const reread = async (): Promise<Source> => {
    const fresh = await readSource(target, path);
    const text = carried.reduce(
      (current, { base, late }) => withSectionsAdded(current, base, late),
      fresh.text,
    );
    return { ...fresh, text };
  };
  let source = await readSource(target, path);
  try {
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    for (;;) {
      if (Date.now() > giveUpAt) throw new FileKeepsChangingError(path);
      let next: string | ChangedText;
      try {
        next = applyEdit(edit, source.text, path);
      } catch (error) {
        // A refusal may come from a file read while another program was half way through writing it.
        if (!(await changedSince(target, source.expected))) throw error;
        source = await replaceSource(source, await reread());
        continue;
      }
      if (isOnDisk(next, source)) return written ?? { changed: false };

      await keepBackups(path, target, source, options.backup);
      const ownership = source.ownership;
      const mode = replacementMode(ownership);
      const expected = source.expected;
      try {
        await writeFileAtomic(target, encode(next, source), {
          mode,
          ...(ownership ? { owner: { uid: ownership.uid, gid: ownership.gid } } : {}),
          beforeReplace: async () => {
            await options.beforeReplace?.();
            // Synchronous, so that nothing waits between this look and the rename that follows it.
            if (changedSinceNow(target, expected)) throw new ChangedBeforeRename();
          },
        });
      } catch (error) {
        if (error instanceof ChangedBeforeRename) {
          source = await replaceSource(source, await reread());
          continue;
        }
        throw errorCode(error) === undefined ? error : writeError(error, path);
      }
      options.backup.add(target);
      const narrowed = ownership !== undefined && ownership.mode !== mode;
      const result = narrowed ? { changed: true, narrowedFromMode: ownership.mode } : { changed: true };

      const late = await lateText(source, path);
      if (late !== undefined) {
        written ??= result;
        // Another program wrote into the file just replaced, after the look before the rename: what it
        // added is only there now. Take the file as it is now and add those sections back.
        carried.push({ base: source.text, late });
        source = await replaceSource(source, await reread());
        continue;
      }
      return written ?? result;
    }
  } finally {
    await source.handle?.close();
  }
}

async function replaceSource(old: Source, fresh: Source): Promise<Source> {
  if (old.handle !== fresh.handle) await old.handle?.close();
  return fresh;
}

async function readSource(target: string, shownPath: string): Promise<Source> {
  const opened = await openRegularFile(target, 'rewrite').catch((error: unknown) => {
    throw errorCode(error) === undefined ? error : readError(error, shownPath);
  });
  if (opened === undefined) {
    return {
      text: '',
      onDisk: '',
      bytes: undefined,
      ownership: undefined,
      handle: undefined,
      expected: undefined,
    };
  }
  const { handle, ownership } = opened;
  let { info } = opened;
  try {
    // An empty file written a moment ago is most likely one being rewritten in place (truncated, its text
    // about to follow): wait for the text, or for the file to stay empty and quiet.
    const giveUpAt = Date.now() + QUIET_WAIT_LIMIT_MS;
    while (info.size === 0 && Date.now() - info.mtimeMs < QUIET_MS && Date.now() < giveUpAt) {
      await sleep(QUIET_MS / 20);
      info = await handle.stat();
    }
    const bytes = await readWholeAgain(handle);
    const expected = { inode: info.ino, size: bytes.length, mtimeMs: info.mtimeMs, bytes };
    const text = decode(bytes, shownPath);
    return { text, onDisk: text, bytes, ownership, handle, expected };
  } catch (error) {
    await handle.close();
    throw errorCode(error) === undefined ? error : readError(error, shownPath);
  }
}

// A file written this recently may be in the middle of a rewrite (truncated, its new text still to come).
const QUIET_MS = 200;
const QUIET_WAIT_LIMIT_MS = 2_000;

/**
 * The text of the replaced file if another program wrote into it after it was read. Its writer may still be
 * on the way (a truncate, then a pause, then the text): the replaced file is watched until it has been quiet
 * for a moment, so those last writes are not missed.
 */
async function lateText(source: Source, shownPath: string): Promise<string | undefined> {
  const { handle, expected } = source;
  if (handle === undefined || expected === undefined) return undefined;
  const writtenLately = async (): Promise<boolean> => Date.now() - (await handle.stat()).mtimeMs < QUIET_MS;
  const giveUpAt = Date.now() + QUIET_WAIT_LIMIT_MS;
  while ((await writtenLately()) && Date.now() < giveUpAt) {
    await sleep(QUIET_MS / 5);
  }
  if (await handleHolds(handle, expected.bytes)) return undefined;
  return decode(await readWhole(handle), shownPath);
}

/**
 * `current` with the sections that `late` has and `base` had not, unless `current` has them already:
 * what another program added to a file in the moment it was being replaced.
 */
function withSectionsAdded(current: string, base: string, late: string): string {
  const headersOf = (text: string): Set<string> =>
    new Set(parseIni(text).sections.map((section) => section.rawHeader));
  const known = headersOf(base);
  const present = headersOf(current);
  const lateLines = splitLines(late);
  const blocks: string[] = [];
  for (const section of parseIni(late).sections) {
    if (known.has(section.rawHeader) || present.has(section.rawHeader)) continue;
    blocks.push(joinLines(lateLines.slice(section.headerLine - 1, section.endLine)));
  }
  if (blocks.length === 0) return current;
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return current + separator + blocks.map((block) => (block.endsWith('\n') ? block : `${block}\n`)).join('');
}

async function changedSince(target: string, expected: Snapshot | undefined): Promise<boolean> {
  const now = await snapshotOf(target);
  if (expected === undefined || now === undefined) return expected !== now;
  return differs(now, expected);
}

function changedSinceNow(target: string, expected: Snapshot | undefined): boolean {
  let info: Stats;
  try {
    info = statSync(target);
    if (!info.isFile()) return true;
    if (expected === undefined) return true;
    // Other metadata already tells: no need to read the file.
    if (info.ino !== expected.inode || info.size !== expected.size || info.mtimeMs !== expected.mtimeMs)
      return true;
    const descriptor = openSync(target, 'r');
    try {
      return !descriptorHolds(descriptor, expected.bytes);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return expected !== undefined;
  }
}

function differs(now: Snapshot, expected: Snapshot): boolean {
  return (
    now.inode !== expected.inode ||
    now.size !== expected.size ||
    now.mtimeMs !== expected.mtimeMs ||
    !now.bytes.equals(expected.bytes)
  );
}

async function snapshotOf(target: string): Promise<Snapshot | undefined> {
  const opened = await openRegularFile(target, 'read').catch(() => undefined);
  if (opened === undefined) return undefined;
  try {
    const bytes = await readWhole(opened.handle);
    return { inode: opened.info.ino, size: bytes.length, mtimeMs: opened.info.mtimeMs, bytes };
  } finally {
    await opened.handle.close();
  }
}

/**
 * `.sso-tui.orig` once for ever, `.sso-tui.bak` once a run, both beside the path the user named (not
 * beside a link's target, which may sit in a dotfiles repository). A file that did not exist is kept as
 * an empty `.orig`: the state to go back to is "no profiles".
 */
async function keepBackups(
  path: string,
  target: string,
  source: Source,
  tracker: BackupTracker,
): Promise<void> {
  const { original, latest } = backupPaths(path);
  const bytes = source.bytes ?? Buffer.alloc(0);
  if (!(await exists(original))) await writeBackup(original, bytes, path);
  if (!tracker.has(target) && source.bytes !== undefined) await writeBackup(latest, bytes, path);
}

async function writeBackup(backup: string, bytes: Buffer, shownPath: string): Promise<void> {
  // The rename replaces whatever stands at the backup's name (a link included) and never writes through it.
  await writeFileAtomic(backup, bytes, { mode: SECRET_FILE_MODE }).catch((error: unknown) => {
    throw errorCode(error) === undefined ? error : writeError(error, shownPath);
  });
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Whether the edit gives back the text at the path now. */
function isOnDisk(next: string | ChangedText, source: Source): boolean {
  if (typeof next === 'string') return next === source.onDisk;
  if (next.before === source.onDisk) return next.unchanged;
  return next.length === source.onDisk.length && next.toString() === source.onDisk;
}

/**
 * The new text's bytes: a change to the text at the path is written from the file's bytes and the changed
 * runs, so a big file is never encoded again whole.
 */
function encode(next: string | ChangedText, source: Source): Buffer | Buffer[] {
  if (typeof next !== 'string' && next.before === source.onDisk && source.bytes !== undefined) {
    const parts = bytesOf(next, source.bytes);
    if (parts !== undefined) return parts;
  }
  return Buffer.from(next.toString(), 'utf8');
}

function applyEdit(edit: FileEdit, text: string, path: string): string | ChangedText {
  try {
    return edit(text);
  } catch (error) {
    throw error instanceof RefusedEditError ? error.inFile(path) : error;
  }
}

function decode(bytes: Buffer, shownPath: string): string {
  const { text, isUtf8 } = decodeUtf8(bytes);
  // Lossless or nothing: a file that is not UTF-8 would come back with other bytes where we never wrote.
  if (isUtf8) return text;
  let cause: unknown;
  try {
    // Only for the decoder's own words on where the bytes stop being UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    cause = error;
  }
  throw new AwsFileAccessError(
    `${shownPath} is not UTF-8 text, so sso-tui will not rewrite it.`,
    'Save it as UTF-8, then try again.',
    { cause },
  );
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

function readError(error: unknown, shownPath: string): AwsFileAccessError {
  return new AwsFileAccessError(
    `Cannot read ${shownPath} (${describeCode(error)}).`,
    'Check the file and its permissions.',
    { cause: error },
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
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return errorCode(error) ?? 'unknown error';
  }
}
