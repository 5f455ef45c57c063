import { stat } from 'node:fs/promises';
import type { Clock, SsoSession } from './ssoSession.js';
import { readCachedToken } from './tokenCache.js';
import { canRefresh, REFRESH_WINDOW_MS } from './tokenRefresh.js';

/** What the disk says about one session's sign-in, with no network call: a prompt may ask it often. */
export interface SessionStatus {
  readonly session: SsoSession;
  /** A token is cached and has not expired. */
  readonly signedIn: boolean;
  readonly tokenExpiresAt?: Date;
  /**
   * When a command renews the token (15 minutes before it expires, as `isFresh` says; the full screen may
   * renew a short-lived token sooner); absent when the token cannot be renewed.
   */
  readonly renewsAt?: Date;
  readonly canRefresh: boolean;
  readonly registrationExpiresAt?: Date;
  /** A command would get a token without a browser: signed in, or refreshable. */
  readonly usable: boolean;
  /** When the account and role lists were cached; absent when none are. */
  readonly listsCachedAt?: Date;
  /** Role credentials cached for `credential-process`; absent when that cache cannot tell. */
  readonly cachedCredentials?: number;
}

export interface SessionStatusSources {
  readonly session: SsoSession;
  readonly tokenFile: string;
  readonly listsFile: string;
  readonly clock: Clock;
  readonly countCachedCredentials?: () => Promise<number>;
}

export async function readSessionStatus(sources: SessionStatusSources): Promise<SessionStatus> {
  const { session, clock } = sources;
  const now = clock().getTime();
  const [token, listsCachedAt, cachedCredentials] = await Promise.all([
    readCachedToken(sources.tokenFile),
    modifiedAt(sources.listsFile),
    sources.countCachedCredentials?.().catch(() => undefined),
  ]);
  const signedIn = token !== undefined && token.expiresAt.getTime() > now;
  const refreshable = token !== undefined && canRefresh(token, now);
  return {
    session,
    signedIn,
    canRefresh: refreshable,
    usable: signedIn || refreshable,
    ...(token ? { tokenExpiresAt: token.expiresAt } : {}),
    ...(token && refreshable
      ? { renewsAt: new Date(Math.max(now, token.expiresAt.getTime() - REFRESH_WINDOW_MS)) }
      : {}),
    ...(token?.registrationExpiresAt ? { registrationExpiresAt: token.registrationExpiresAt } : {}),
    ...(listsCachedAt ? { listsCachedAt } : {}),
    ...(cachedCredentials === undefined ? {} : { cachedCredentials }),
  };
}

async function modifiedAt(file: string): Promise<Date | undefined> {
  return stat(file).then(
    (info) => info.mtime,
    () => undefined,
  );
}
