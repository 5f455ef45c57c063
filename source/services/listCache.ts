import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import type { Account } from './portal.js';
import type { SsoSession } from './ssoSession.js';

export interface AccountLists {
  readonly accounts: readonly Account[];
  readonly roles: ReadonlyMap<string, readonly string[]>;
}

/**
 * The account and role lists of a session, kept between runs in the program's state folder (one file per
 * session: a big organization's lists are megabytes, too much for the settings file) so the next start
 * shows them at once and refreshes behind.
 */
export function listCacheFile(stateFolder: string, session: SsoSession): string {
  const key = createHash('sha1').update(`${session.startUrl} ${session.region}`).digest('hex');
  return join(stateFolder, 'lists', `${key}.json`);
}

export async function readListCache(file: string): Promise<AccountLists | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isStoredLists(json)) return undefined;
  return { accounts: json.accounts, roles: new Map(Object.entries(json.roles)) };
}

export async function writeListCache(file: string, lists: AccountLists): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const stored: StoredLists = {
    version: 1,
    accounts: lists.accounts,
    roles: Object.fromEntries(lists.roles),
  };
  await writeFileAtomic(file, JSON.stringify(stored), { mode: 0o600 });
}

interface StoredLists {
  readonly version: 1;
  readonly accounts: readonly Account[];
  readonly roles: Record<string, readonly string[]>;
}

function isStoredLists(json: unknown): json is StoredLists {
  if (typeof json !== 'object' || json === null) return false;
  const record = json as Partial<StoredLists>;
  return (
    record.version === 1 &&
    Array.isArray(record.accounts) &&
    record.accounts.every(
      (account) =>
        typeof account?.accountId === 'string' &&
        typeof account.accountName === 'string' &&
        typeof account.emailAddress === 'string',
    ) &&
    typeof record.roles === 'object' &&
    record.roles !== null &&
    Object.values(record.roles).every(
      (roles) => Array.isArray(roles) && roles.every((role) => typeof role === 'string'),
    )
  );
}
