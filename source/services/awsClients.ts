import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { oidcEndpoint, portalEndpoint, type Environment } from './endpoints.js';

/**
 * SDK clients for one Identity Center region. Retries are ours (the portal budget, the device-code poll),
 * so the SDK makes one attempt per call; both APIs are unsigned, so no AWS credentials are looked up.
 */
export function createOidcClient(region: string, env: Environment): SSOOIDCClient {
  return new SSOOIDCClient({ region, endpoint: oidcEndpoint(region, env), maxAttempts: 1 });
}

export function createPortalClient(region: string, env: Environment): SSOClient {
  return new SSOClient({ region, endpoint: portalEndpoint(region, env), maxAttempts: 1 });
}
