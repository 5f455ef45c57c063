import { withFileLock } from './awsFiles/fileLock.js';
import { RefreshRefusedError, UserError } from './errors.js';
import type { Clock, SsoToken } from './ssoSession.js';
import { readCachedToken, writeCachedToken } from './tokenCache.js';

/** botocore refreshes a token this long before it expires; so do we, so both tools agree. */
export const REFRESH_WINDOW_MS = 15 * 60 * 1000;

/** The full screen tries a background renewal at most this often. */
export const RENEWAL_RETRY_MS = 60_000;

/**
 * When the full screen renews a token in the background: once less than min(15 minutes, half of what it
 * had left at `now`) remains, so a short-lived token is renewed in time too.
 */
export function renewalMoment(expiresAt: Date, now: Date): Date {
  const left = expiresAt.getTime() - now.getTime();
  return new Date(expiresAt.getTime() - Math.min(REFRESH_WINDOW_MS, left / 2));
}

/** A refresh holds the lock for one CreateToken call; a holder this slow is stuck, and we say so. */
const REFRESH_LOCK_TIMEOUT_MS = 30_000;

/**
 * The refresh_token grant: a renewed token with every field, or a RefreshRefusedError (the sign-in has
 * ended) or a RefreshFailedError (network, service; trying again may work).
 */
export type TokenRefresher = (token: SsoToken) => Promise<SsoToken>;

export interface TokenSource {
  readonly file: string;
  /** Asked only when a refresh is due, so a fresh token costs no SDK load. */
  readonly refresher: () => TokenRefresher | Promise<TokenRefresher>;
  readonly clock: Clock;
  /** Hears why a refresh failed when the cached token is still used anyway (`--debug`). */
  readonly debug?: (message: string) => void;
}

/** Why no cached token can be used: what the front ends word. */
export type SignInReason =
  | { readonly kind: 'noToken' }
  /** Expired (or about to) with no way to renew: no refresh token, or its registration has expired. */
  | { readonly kind: 'notRefreshable' }
  /** Identity Center refused the refresh: the sign-in has ended. */
  | { readonly kind: 'refused'; readonly error: RefreshRefusedError };

export type TokenCheck =
  | { readonly kind: 'usable'; readonly token: SsoToken }
  | { readonly kind: 'signInNeeded'; readonly reason: SignInReason };

/**
 * The cached token if it is good for more than the refresh window; otherwise a refreshed one (written back
 * with every field); otherwise, as botocore does, the cached token while it has not yet expired.
 *
 * The refresh runs under a lock beside the cache file and reads the file again once it holds it: another
 * process (or `aws`) may have refreshed meanwhile, and the refresh token it used is then spent.
 * A refusal means a sign-in; any other failure with an expired token is thrown (a RefreshFailedError), so
 * a network problem is never mistaken for the end of the sign-in.
 */
export async function loadUsableToken(source: TokenSource): Promise<TokenCheck> {
  const cached = await readCachedToken(source.file);
  if (!cached) return { kind: 'signInNeeded', reason: { kind: 'noToken' } };
  if (isFresh(cached, source.clock().getTime())) return { kind: 'usable', token: cached };
  return withFileLock(
    `${source.file}.lock`,
    { timeoutMs: REFRESH_LOCK_TIMEOUT_MS, describe: `The token cache file ${source.file}` },
    () => refreshUnderLock(source),
  );
}

async function refreshUnderLock(source: TokenSource): Promise<TokenCheck> {
  const cached = await readCachedToken(source.file);
  if (!cached) return { kind: 'signInNeeded', reason: { kind: 'noToken' } };
  const now = source.clock().getTime();
  if (isFresh(cached, now)) return { kind: 'usable', token: cached };
  const stillValid = cached.expiresAt.getTime() > now;
  if (!canRefresh(cached, now)) {
    return stillValid
      ? { kind: 'usable', token: cached }
      : { kind: 'signInNeeded', reason: { kind: 'notRefreshable' } };
  }
  try {
    const refresh = await source.refresher();
    const refreshed = await refresh(cached);
    await writeCachedToken(source.file, refreshed);
    return { kind: 'usable', token: refreshed };
  } catch (error) {
    source.debug?.(`token refresh failed: ${errorText(error)}`);
    if (stillValid) return { kind: 'usable', token: cached };
    if (error instanceof RefreshRefusedError)
      return { kind: 'signInNeeded', reason: { kind: 'refused', error } };
    throw error;
  }
}

/**
 * The cached token if it is good for more than the refresh window, from the disk alone: what a start can
 * use before its first frame, with no network call that could keep the screen blank.
 */
export async function loadFreshToken(file: string, clock: Clock): Promise<SsoToken | undefined> {
  const cached = await readCachedToken(file);
  return cached && isFresh(cached, clock().getTime()) ? cached : undefined;
}

export function isFresh(token: SsoToken, now: number): boolean {
  return token.expiresAt.getTime() - now > REFRESH_WINDOW_MS;
}

/** The token carries what a refresh needs: a refresh token and a client registration not yet expired. */
export function canRefresh(token: SsoToken, now: number): boolean {
  return Boolean(
    token.refreshToken &&
    token.clientId &&
    token.clientSecret &&
    token.registrationExpiresAt &&
    token.registrationExpiresAt.getTime() > now,
  );
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : '';
  return error instanceof UserError ? `${error.message}${cause}` : `${error.name}: ${error.message}`;
}
