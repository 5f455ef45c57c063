import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { isNetworkError, RefreshFailedError, RefreshRefusedError } from '../errors.js';
import type { Clock, SsoToken } from '../ssoSession.js';
import type { TokenRefresher } from '../tokenRefresh.js';
import { serviceErrorName } from './oidcErrors.js';

/**
 * CreateToken answers a refresh_token grant with these when the refresh token, or the registration it was
 * issued to, is no longer valid: the sign-in has ended, and asking again cannot help.
 */
const REFUSALS = new Set([
  'InvalidGrantException',
  'InvalidClientException',
  'UnauthorizedClientException',
  'ExpiredTokenException',
  'AccessDeniedException',
  'InvalidRequestException',
]);

/**
 * The refresh_token grant, over a client the caller has already made. It imports the SDK statically: its
 * callers load this module with the SDK chunk, so the command class is always the real one (a dynamic
 * `import()` of the package once yielded a CommonJS namespace without it in the bundle).
 */
export function createTokenRefresher(oidc: SSOOIDCClient, clock: Clock): TokenRefresher {
  return async (token) => {
    const issuedAt = clock().getTime();
    let response;
    try {
      response = await oidc.send(
        new CreateTokenCommand({
          grantType: 'refresh_token',
          clientId: token.clientId,
          clientSecret: token.clientSecret,
          refreshToken: token.refreshToken,
        }),
      );
    } catch (error) {
      throw refreshError(error);
    }
    if (!response.accessToken || !response.expiresIn) {
      throw new RefreshFailedError('Identity Center answered without an access token');
    }
    const renewed: SsoToken = {
      ...token,
      accessToken: response.accessToken,
      expiresAt: new Date(issuedAt + response.expiresIn * 1000),
      // Identity Center rotates refresh tokens: the one just used may not work again.
      refreshToken: response.refreshToken ?? token.refreshToken,
    };
    return renewed;
  };
}

function refreshError(error: unknown): Error {
  const name = serviceErrorName(error);
  if (name !== undefined && REFUSALS.has(name)) return new RefreshRefusedError(name);
  if (name !== undefined) return new RefreshFailedError(`Identity Center answered ${name}`, { cause: error });
  if (isNetworkError(error)) {
    const code = (error as { code: string }).code;
    return new RefreshFailedError(`Identity Center could not be reached (${code})`, { cause: error });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new RefreshFailedError(detail, { cause: error });
}
