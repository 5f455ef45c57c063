import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { withFileLock } from './awsFiles/fileLock.js';
import { toIsoSeconds } from './isoTime.js';
import type { RoleCredentials } from './portal.js';
import type { Clock, SsoSession } from './ssoSession.js';
import { parseJsonObject } from './jsonObject.js';

/**
 * Role credentials are reused until this long before they expire, as AWS CLI's ~/.aws/cli/cache is: an SDK
 * that gets them must have time to use them.
 */
export const CREDENTIALS_REUSE_MARGIN_MS = 15 * 60_000;

/** One fetch is a portal round trip; a holder slower than this is stuck, and we say so. */
const FETCH_LOCK_TIMEOUT_MS = 30_000;

/** The role credentials `credential-process` handed out, per session, in the program's state folder. */
export function credentialCacheFolder(stateFolder: string, session: SsoSession): string {
  return join(stateFolder, 'credentials', sha1(`${session.name ?? ''}\n${session.startUrl}`));
}

/** Role names are case-insensitive in IAM, so `readonlyaccess` finds what `ReadOnlyAccess` cached. */
export function credentialCacheFile(
  stateFolder: string,
  session: SsoSession,
  accountId: string,
  roleName: string,
): string {
  const key = sha1(`${accountId}/${roleName.toLowerCase()}`);
  return join(credentialCacheFolder(stateFolder, session), `${key}.json`);
}

/** The cached credentials if they are good for more than the reuse margin; a bad file is no credentials. */
export async function readCachedCredentials(
  file: string,
  clock: Clock,
): Promise<RoleCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const credentials = parseCredentials(text);
  return credentials && isReusable(credentials, clock) ? credentials : undefined;
}

/** Written atomically, mode 0600, in 0700 folders: the file holds a secret key. */
export async function writeCachedCredentials(file: string, credentials: RoleCredentials): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const record = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: toIsoSeconds(credentials.expiration),
  };
  await writeFileAtomic(file, JSON.stringify(record) + '\n', { mode: 0o600 });
}

/**
 * Reusable cached credentials, or `fetch`ed ones written to the cache. The fetch runs under a lock beside
 * the file and the file is read again once it is held, so processes started together (an SDK creating
 * many clients) share one fetch.
 */
export async function cachedCredentials(
  file: string,
  clock: Clock,
  fetch: () => Promise<RoleCredentials>,
): Promise<RoleCredentials> {
  const cached = await readCachedCredentials(file, clock);
  if (cached) return cached;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  return withFileLock(
    `${file}.lock`,
    { timeoutMs: FETCH_LOCK_TIMEOUT_MS, describe: `The credential cache file ${file}` },
    async () => {
      const fetchedMeanwhile = await readCachedCredentials(file, clock);
      if (fetchedMeanwhile) return fetchedMeanwhile;
      const fetched = await fetch();
      await writeCachedCredentials(file, fetched);
      return fetched;
    },
  );
}

/** `logout`: the session's cached credentials go with its token. */
export async function deleteSessionCredentials(stateFolder: string, session: SsoSession): Promise<void> {
  await rm(credentialCacheFolder(stateFolder, session), { recursive: true, force: true });
}

/** For `status`: how many credentials of the session are cached, and how many are still reusable. */
export async function countCachedCredentials(
  stateFolder: string,
  session: SsoSession,
  clock: Clock,
): Promise<{ readonly total: number; readonly reusable: number }> {
  const folder = credentialCacheFolder(stateFolder, session);
  const names = await readdir(folder).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.json'));
  const reusable = await Promise.all(
    files.map(async (name) => (await readCachedCredentials(join(folder, name), clock)) !== undefined),
  );
  return { total: files.length, reusable: reusable.filter(Boolean).length };
}

function isReusable(credentials: RoleCredentials, clock: Clock): boolean {
  return credentials.expiration.getTime() - clock().getTime() > CREDENTIALS_REUSE_MARGIN_MS;
}

function parseCredentials(text: string): RoleCredentials | undefined {
  const json = parseJsonObject(text);
  if (json === undefined) return undefined;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = json;
  if (
    typeof accessKeyId !== 'string' ||
    typeof secretAccessKey !== 'string' ||
    typeof sessionToken !== 'string' ||
    typeof expiration !== 'string'
  ) {
    return undefined;
  }
  const expires = new Date(expiration);
  if (Number.isNaN(expires.getTime())) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken, expiration: expires };
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
