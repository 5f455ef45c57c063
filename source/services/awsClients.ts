import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { oidcEndpoint, portalEndpoint, type Environment } from './endpoints.js';
import { sdkClientSettings } from './sdkClientSettings.js';

/**
 * SDK clients for one Identity Center region. Retries are ours (the portal budget, the device-code poll),
 * so the SDK makes one attempt per call; both APIs are unsigned, so no AWS credentials are looked up. The
 * settings the SDK would load from the shared files come from one reading of them (`sdkClientSettings`).
 */
export function createOidcClient(region: string, env: Environment, homeDir?: string): SSOOIDCClient {
  return new SSOOIDCClient({
    ...settings(homeDir, env),
    region,
    endpoint: oidcEndpoint(region, env),
    maxAttempts: 1,
  });
}

export function createPortalClient(region: string, env: Environment, homeDir?: string): SSOClient {
  return new SSOClient({
    ...settings(homeDir, env),
    region,
    endpoint: portalEndpoint(region, env),
    maxAttempts: 1,
  });
}

// Without the home folder, the SDK loads them itself.
function settings(homeDir: string | undefined, env: Environment): object {
  return (homeDir === undefined ? undefined : sdkClientSettings(homeDir, env)) ?? {};
}
