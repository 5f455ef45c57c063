import { createHash } from 'node:crypto';
import { mkdir, open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import type { Account } from './portal.js';
import type { SsoSession } from './ssoSession.js';
import { createListPool, createStringPool } from './stringPool.js';

export interface AccountLists {
  readonly accounts: readonly Account[];
  readonly roles: ReadonlyMap<string, readonly string[]>;
}

/**
 * The account and role lists of a session, kept between runs in the program's state folder (one file per
 * session: a big organization's lists are megabytes, too much for the state file) so the next start
 * shows them at once and refreshes behind.
 */
export function listCacheFile(stateFolder: string, session: SsoSession): string {
  const key = createHash('sha1').update(`${session.startUrl} ${session.region}`).digest('hex');
  return join(stateFolder, 'lists', `${key}.json`);
}

/**
 * The file is JSON lines: a header, then the lists in chunks of CHUNK accounts, each
 * `{"accounts":[…],"roles":[…]}` with the role names of the account at the same position (null while not
 * listed). Chunks keep every string the reader handles small: one JSON text of a 100,000-account
 * organization is an 18 MB string that lingers in memory until a full garbage collection, which a program
 * sitting on a list may not run for minutes.
 */
const VERSION = 2;
const CHUNK = 1_000;
/** Read through one buffer of this size, for the same reason. */
const READ_BUFFER = 1 << 20;

export async function readListCache(file: string): Promise<AccountLists | undefined> {
  const accounts: Account[] = [];
  const roles = new Map<string, readonly string[]>();
  // One string per role name and one array per distinct role list: each read from JSON is a copy (~12 MB
  // and ~5 MB of them at 100,000 accounts).
  const pooled = createStringPool();
  const pooledList = createListPool();
  let expected: number | undefined;
  try {
    for await (const line of textLines(file)) {
      const json: unknown = JSON.parse(line);
      if (expected === undefined) {
        if (!isHeader(json)) return undefined;
        expected = json.accounts;
        continue;
      }
      if (!isChunk(json)) return undefined;
      json.accounts.forEach((account, position) => {
        accounts.push(account);
        const names = json.roles[position];
        if (names) roles.set(account.accountId, pooledList(names.map(pooled)));
      });
    }
  } catch {
    return undefined;
  }
  return expected === accounts.length ? { accounts, roles } : undefined;
}

export async function writeListCache(file: string, lists: AccountLists): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, storedLines(lists), { mode: 0o600 });
}

function* storedLines({ accounts, roles }: AccountLists): Generator<string> {
  const header: Header = { version: VERSION, accounts: accounts.length };
  yield `${JSON.stringify(header)}\n`;
  for (let start = 0; start < accounts.length; start += CHUNK) {
    const slice = accounts.slice(start, start + CHUNK);
    const chunk: Chunk = {
      accounts: slice,
      roles: slice.map((account) => roles.get(account.accountId) ?? null),
    };
    yield `${JSON.stringify(chunk)}\n`;
  }
}

/** The lines of a text file, read through one small buffer. */
async function* textLines(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BUFFER);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_BUFFER, null);
      const text = pending + (bytesRead === 0 ? decoder.end() : decoder.write(buffer.subarray(0, bytesRead)));
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) yield line;
      if (bytesRead === 0) break;
    }
    if (pending) yield pending;
  } finally {
    await handle.close();
  }
}

interface Header {
  readonly version: typeof VERSION;
  readonly accounts: number;
}

interface Chunk {
  readonly accounts: readonly Account[];
  readonly roles: readonly (readonly string[] | null)[];
}

function isHeader(json: unknown): json is Header {
  const record = json as Partial<Header> | null;
  return record?.version === VERSION && Number.isInteger(record.accounts);
}

function isChunk(json: unknown): json is Chunk {
  if (typeof json !== 'object' || json === null) return false;
  const record = json as Partial<Chunk>;
  return (
    Array.isArray(record.accounts) &&
    record.accounts.every(
      (account) =>
        typeof account?.accountId === 'string' &&
        typeof account.accountName === 'string' &&
        typeof account.emailAddress === 'string',
    ) &&
    Array.isArray(record.roles) &&
    record.roles.length === record.accounts.length &&
    record.roles.every(
      (roles) => roles === null || (Array.isArray(roles) && roles.every((role) => typeof role === 'string')),
    )
  );
}

/** Subcommands (populate, completion, name lookups) use cached lists younger than this and fetch otherwise. */
export const LISTS_FRESH_FOR_MS = 60 * 60 * 1000;

/**
 * The cached lists if they are younger than LISTS_FRESH_FOR_MS and hold every account's roles: a list the
 * full screen left half-loaded is not a listing a command can act on (populate would prune from it).
 */
export async function readFreshListCache(file: string, now: Date): Promise<AccountLists | undefined> {
  const written = await stat(file).then(
    (info) => info.mtime.getTime(),
    () => undefined,
  );
  if (written === undefined || now.getTime() - written > LISTS_FRESH_FOR_MS) return undefined;
  const lists = await readListCache(file);
  if (!lists || lists.accounts.some((account) => !lists.roles.has(account.accountId))) return undefined;
  return lists;
}
