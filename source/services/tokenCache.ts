import { createHash } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { toIsoSeconds } from './isoTime.js';
import { parseJsonObject } from './jsonObject.js';
import { readRegularFile, replacementMode, resolveWritableFile } from './regularFile.js';
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
  const text = await readRegularFile(file).catch(() => undefined);
  return text === undefined ? undefined : parseCachedToken(text);
}

export function parseCachedToken(text: string): SsoToken | undefined {
  const record = parseJsonObject(text);
  if (record === undefined) return undefined;
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
  await writeSecretFile(file, JSON.stringify(record, null, 2) + '\n');
}

/**
 * The AWS files' rules for the cache file: its folder 0700, only a regular file replaced (a link followed,
 * a FIFO or device refused unopened), an existing file's owner and mode kept (narrowed to 0600 when others
 * could read it), a read-only one refused.
 */
async function writeSecretFile(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700).catch(() => undefined);
  const { target, existing } = await resolveWritableFile(file);
  await writeFileAtomic(target, text, {
    mode: replacementMode(existing),
    ...(existing ? { owner: { uid: existing.uid, gid: existing.gid } } : {}),
  });
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
