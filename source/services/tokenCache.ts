import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { toIsoSeconds } from './isoTime.js';
import type { SsoSession, SsoToken } from './ssoSession.js';

/**
 * The SSO token cache shared with AWS CLI v2, botocore and the AWS SDKs: one JSON file per session in
 * ~/.aws/sso/cache, named by the SHA-1 of the session name (or of the start URL for a legacy profile).
 */
export function tokenCacheFolder(homeDir: string): string {
  return join(homeDir, '.aws', 'sso', 'cache');
}

export function tokenCacheFile(homeDir: string, session: SsoSession): string {
  const key = session.name ?? session.startUrl;
  return join(tokenCacheFolder(homeDir), `${createHash('sha1').update(key).digest('hex')}.json`);
}

/** Reads a cached token; a missing or unreadable file is simply no token. */
export async function readCachedToken(file: string): Promise<SsoToken | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseCachedToken(text);
}

export function parseCachedToken(text: string): SsoToken | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  const accessToken = stringField(record, 'accessToken');
  const expiresAt = dateField(record, 'expiresAt');
  if (!accessToken || !expiresAt) return undefined;
  return {
    startUrl: stringField(record, 'startUrl') ?? '',
    region: stringField(record, 'region') ?? '',
    accessToken,
    expiresAt,
    refreshToken: stringField(record, 'refreshToken'),
    clientId: stringField(record, 'clientId'),
    clientSecret: stringField(record, 'clientSecret'),
    registrationExpiresAt: dateField(record, 'registrationExpiresAt'),
  };
}

/** Writes the token with every field present, atomically, mode 0600 in a 0700 folder. */
export async function writeCachedToken(file: string, token: SsoToken): Promise<void> {
  const record: Record<string, string> = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: toIsoSeconds(token.expiresAt),
  };
  if (token.clientId) record.clientId = token.clientId;
  if (token.clientSecret) record.clientSecret = token.clientSecret;
  if (token.registrationExpiresAt) record.registrationExpiresAt = toIsoSeconds(token.registrationExpiresAt);
  if (token.refreshToken) record.refreshToken = token.refreshToken;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
}

export async function deleteCachedToken(file: string): Promise<void> {
  await rm(file, { force: true });
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Accepts `2026-01-01T00:00:00Z`, with milliseconds, and the `+00:00` / `UTC` spellings older tools wrote. */
function dateField(record: Record<string, unknown>, key: string): Date | undefined {
  const value = stringField(record, key);
  if (!value) return undefined;
  const date = new Date(value.replace(/UTC$/, 'Z'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
