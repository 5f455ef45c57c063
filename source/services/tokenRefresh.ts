import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Clock, SsoToken } from './ssoSession.js';
import { readCachedToken, writeCachedToken } from './tokenCache.js';

/** botocore refreshes a token this long before it expires; so do we, so both tools agree. */
export const REFRESH_WINDOW_MS = 15 * 60 * 1000;

export interface TokenSource {
  readonly file: string;
  /** Asked only when a refresh is due, so a fresh token costs no SDK load. */
  readonly oidc: () => SSOOIDCClient | Promise<SSOOIDCClient>;
  readonly clock: Clock;
}

/**
 * The cached token if it is good for more than the refresh window; otherwise a refreshed one (written back
 * with every field); otherwise, as botocore does, the cached token while it has not yet expired. Undefined
 * means a browser sign-in is needed.
 */
export async function loadUsableToken(source: TokenSource): Promise<SsoToken | undefined> {
  const cached = await readCachedToken(source.file);
  if (!cached) return undefined;
  const now = source.clock().getTime();
  if (isFresh(cached, now)) return cached;
  if (canRefresh(cached, now)) {
    const refreshed = await refreshToken(cached, source).catch(() => undefined);
    if (refreshed) {
      await writeCachedToken(source.file, refreshed);
      return refreshed;
    }
  }
  return cached.expiresAt.getTime() > now ? cached : undefined;
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

async function refreshToken(token: SsoToken, source: TokenSource): Promise<SsoToken> {
  const issuedAt = source.clock().getTime();
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const response = await (
    await source.oidc()
  ).send(
    new CreateTokenCommand({
      grantType: 'refresh_token',
      clientId: token.clientId,
      clientSecret: token.clientSecret,
      refreshToken: token.refreshToken,
    }),
  );
  if (!response.accessToken || !response.expiresIn) throw new Error('CreateToken returned no access token');
  return {
    ...token,
    accessToken: response.accessToken,
    expiresAt: new Date(issuedAt + response.expiresIn * 1000),
    refreshToken: response.refreshToken ?? token.refreshToken,
  };
}
