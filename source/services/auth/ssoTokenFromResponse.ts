import type { CreateTokenResponse } from '@aws-sdk/client-sso-oidc';
import { ServiceError } from '../errors.js';
import type { ClientRegistration, Clock, SsoSession, SsoToken } from '../ssoSession.js';

/** The token cache entry for a CreateToken answer: everything a later refresh needs is kept with it. */
export function ssoTokenFromResponse(
  response: CreateTokenResponse,
  session: SsoSession,
  registration: ClientRegistration,
  clock: Clock,
): SsoToken {
  const { accessToken, expiresIn, refreshToken } = response;
  if (!accessToken || expiresIn === undefined) {
    throw new ServiceError('Identity Center returned an incomplete token.', undefined, {
      next: 'sign-in-again',
    });
  }
  return {
    startUrl: session.startUrl,
    region: session.region,
    accessToken,
    expiresAt: new Date(clock().getTime() + expiresIn * 1000),
    ...(refreshToken ? { refreshToken } : {}),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
  };
}
