import { toIsoSeconds } from '../services/isoTime.js';
import type { IssuedTokens } from './server.js';

/**
 * A token cache record exactly as `aws sso login` (AWS CLI v2) writes it for tokens the simulator issued:
 * what tests and the bench put in ~/.aws/sso/cache to start "already signed in".
 */
export function awsCliTokenRecord(
  issued: IssuedTokens,
  session: { readonly startUrl: string; readonly region: string },
): Record<string, string> {
  return {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: issued.accessToken,
    expiresAt: toIsoSeconds(issued.expiresAt),
    clientId: issued.clientId,
    clientSecret: issued.clientSecret,
    registrationExpiresAt: toIsoSeconds(issued.registrationExpiresAt),
    refreshToken: issued.refreshToken,
  };
}
