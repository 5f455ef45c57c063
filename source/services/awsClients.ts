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
  return new SSOOIDCClient(clientConfig(region, oidcEndpoint(region, env), env, homeDir));
}

export function createPortalClient(region: string, env: Environment, homeDir?: string): SSOClient {
  return new SSOClient(clientConfig(region, portalEndpoint(region, env), env, homeDir));
}

// Without the home folder, the SDK loads the shared-file settings itself.
function clientConfig(region: string, endpoint: string, env: Environment, homeDir: string | undefined) {
  const settings: object = (homeDir === undefined ? undefined : sdkClientSettings(homeDir, env)) ?? {};
  return { ...settings, region, endpoint, maxAttempts: 1 };
}
