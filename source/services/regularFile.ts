import { isAscii, isUtf8 } from 'node:buffer';
import { constants, readSync } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { NotRegularFileError, ReadOnlyFileError } from './awsFiles/awsFileErrors.js';

/** What an existing file's replacement must keep. */
export interface FileOwnership {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface WritableTarget {
  /** The regular file to replace: `path` itself, or where its symbolic links lead. */
  readonly target: string;
  /** Undefined when there is no file yet. */
  readonly existing: FileOwnership | undefined;
}

/**
 * Where a write to `path` must go. A symbolic link (a dotfiles manager's) is followed, so that the link
 * stays a link and the file it points at is replaced. Anything but a regular file — a FIFO, a device, a
 * socket, a folder, a link to nothing — is refused from its metadata alone: it is never opened, so a FIFO
 * cannot block the program and a device is never replaced by a file. A file its owner made read-only is
 * refused too: replacing it would silently undo that choice.
 */
export async function resolveWritableFile(path: string): Promise<WritableTarget> {
  const link = await lstat(path).catch(absentIfMissing);
  if (link === undefined) return { target: path, existing: undefined };
  let target = path;
  if (link.isSymbolicLink()) {
    target = await realpath(path).catch((error: unknown) => {
      if (codeOf(error) === 'ENOENT') throw new NotRegularFileError(path, 'a symbolic link to nothing');
      throw error;
    });
  }
  const info = link.isSymbolicLink() ? await stat(target) : link;
  return { target, existing: checkRegular(path, info, 'rewrite') };
}

/**
 * Opens an existing regular file for reading without ever blocking: anything else is refused from its
 * metadata before any open, O_NONBLOCK keeps a FIFO swapped in after that check from hanging the open,
 * and the handle's own metadata is checked again. For a rewrite, a read-only file is refused too.
 * Undefined when the file does not exist.
 */
export async function openRegularFile(
  path: string,
  purpose: 'read' | 'rewrite',
): Promise<{ handle: FileHandle; info: Stats; ownership: FileOwnership } | undefined> {
  const before = await stat(path).catch(absentIfMissing);
  if (before === undefined) return undefined;
  checkRegular(path, before, purpose);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = await handle.stat();
    const ownership = checkRegular(path, info, purpose);
    return { handle, info, ownership };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Refuses, from its metadata alone and without opening it, a path that exists and is no regular file. */
export async function refuseIfNotRegular(path: string): Promise<void> {
  const info = await stat(path).catch(absentIfMissing);
  if (info !== undefined) checkRegular(path, info, 'read');
}

/** A regular file's text (a FIFO or device is refused unopened); undefined when there is no file. */
export async function readRegularFile(path: string): Promise<string | undefined> {
  const opened = await openRegularFile(path, 'read');
  if (opened === undefined) return undefined;
  try {
    return decodeUtf8(await readWholeAgain(opened.handle)).text;
  } finally {
    await opened.handle.close();
  }
}

// A command reads the config file for its session, then again under the lock to edit it: the same bytes
// give the same string, decoded once (and, being the same string, parsed once: see `parseIni`).
let lastDecoded: { bytes: Buffer; decoded: DecodedText } | undefined;

export interface DecodedText {
  readonly text: string;
  /** False when the bytes are not UTF-8: `text` then has U+FFFD where they were. */
  readonly isUtf8: boolean;
}

/** The bytes as UTF-8 text, a byte order mark kept as U+FEFF. */
export function decodeUtf8(bytes: Buffer): DecodedText {
  if (lastDecoded === undefined || !lastDecoded.bytes.equals(bytes)) {
    // ASCII (most files) read as Latin-1 is the same text, and a long one is kept outside V8's heap, whose
    // collections would otherwise copy and mark its megabytes.
    const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    lastDecoded = { bytes, decoded: { text, isUtf8: isUtf8(bytes) } };
  }
  return lastDecoded.decoded;
}

/**
 * The whole content of an open file, read from its start whatever the handle's position: into one buffer
 * of the size the file has now and a byte more, to see the end; a file that grows meanwhile gets a buffer
 * twice the size, as often as it takes.
 */
export async function readWhole(handle: FileHandle): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe((await handle.stat()).size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
  }
}

/**
 * `readWhole`, but when the file holds the bytes last decoded, those bytes themselves: a command reads the
 * config file for its session, then again under the lock, and a fresh buffer of a big file's size costs
 * more to fill than comparing the file with the bytes at hand a chunk at a time.
 */
export async function readWholeAgain(handle: FileHandle): Promise<Buffer> {
  const last = lastDecoded?.bytes;
  if (last !== undefined && (await handleHolds(handle, last))) return last;
  return readWhole(handle);
}

// A file is compared with bytes at hand this much at a time (10,000 profiles are 1.7 MB).
const COMPARED_CHUNK_BYTES = 1 << 16;

/** Whether the open file holds `expected` byte for byte, from its start to its end. */
export async function handleHolds(handle: FileHandle, expected: Buffer): Promise<boolean> {
  const chunk = Buffer.allocUnsafe(Math.min(COMPARED_CHUNK_BYTES, expected.length + 1));
  for (let at = 0; ;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
    if (bytesRead === 0) return at === expected.length;
    if (!sameChunk(chunk, bytesRead, expected, at)) return false;
    at += bytesRead;
  }
}

/** `handleHolds` for a file descriptor, read synchronously. */
export function descriptorHolds(descriptor: number, expected: Buffer): boolean {
  const chunk = Buffer.allocUnsafe(Math.min(COMPARED_CHUNK_BYTES, expected.length + 1));
  for (let at = 0; ;) {
    const bytesRead = readSync(descriptor, chunk, 0, chunk.length, at);
    if (bytesRead === 0) return at === expected.length;
    if (!sameChunk(chunk, bytesRead, expected, at)) return false;
    at += bytesRead;
  }
}

/** Whether the `count` bytes read into `chunk` are `expected`'s from `at`. */
function sameChunk(chunk: Buffer, count: number, expected: Buffer, at: number): boolean {
  const end = at + count;
  return end <= expected.length && chunk.subarray(0, count).equals(expected.subarray(at, end));
}

/** A new file's mode is 0600; an existing one keeps its own unless group or others may read it. */
export function replacementMode(existing: FileOwnership | undefined): number {
  if (existing === undefined) return SECRET_FILE_MODE;
  return (existing.mode & 0o077) === 0 ? existing.mode : SECRET_FILE_MODE;
}

export const SECRET_FILE_MODE = 0o600;

function checkRegular(path: string, info: Stats, purpose: 'read' | 'rewrite'): FileOwnership {
  if (!info.isFile()) throw new NotRegularFileError(path, describeKind(info));
  const mode = info.mode & 0o777;
  if (purpose === 'rewrite' && (mode & 0o200) === 0) throw new ReadOnlyFileError(path, mode);
  return { mode, uid: info.uid, gid: info.gid };
}

function describeKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function absentIfMissing(error: unknown): undefined {
  if (codeOf(error) === 'ENOENT') return undefined;
  throw error;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
