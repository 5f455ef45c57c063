import { createHash, randomBytes } from 'node:crypto';
import { SSOClient } from '@aws-sdk/client-sso';
import { RegisterClientCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';

/** What the tests need to act as a CLI against the simulator: real SDK clients and a PKCE pair. */
export function oidcClient(url: string): SSOOIDCClient {
  return new SSOOIDCClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1 });
}

export function portalClient(url: string): SSOClient {
  return new SSOClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1 });
}

export const REDIRECT_URI = 'http://127.0.0.1/oauth/callback';

export function registerPkceClient(oidc: SSOOIDCClient, scopes = ['sso:account:access']) {
  return oidc.send(
    new RegisterClientCommand({
      clientName: 'sso-tui-test',
      clientType: 'public',
      scopes,
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [REDIRECT_URI],
      issuerUrl: 'https://example.awsapps.com/start',
    }),
  );
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(base: string, params: Record<string, string>): string {
  const url = new URL(`${base}/authorize`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** Opens the authorize URL as a browser would, without following the redirect. */
export async function openInBrowser(url: string): Promise<{ status: number; location?: URL; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return {
    status: response.status,
    text: await response.text(),
    ...(location ? { location: new URL(location) } : {}),
  };
}

/** Registers a client and runs /authorize; returns what a CreateToken call needs. */
export async function authorizedCode(oidc: SSOOIDCClient, url: string, port = 49152) {
  const client = await registerPkceClient(oidc);
  const { verifier, challenge } = pkcePair();
  const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
  const state = randomBytes(16).toString('hex');
  const { location } = await openInBrowser(
    authorizeUrl(url, {
      response_type: 'code',
      client_id: client.clientId!,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: challenge,
    }),
  );
  const code = location?.searchParams.get('code');
  if (!location || !code) throw new Error(`authorize did not return a code: ${location?.toString()}`);
  return {
    clientId: client.clientId!,
    clientSecret: client.clientSecret!,
    verifier,
    redirectUri,
    code,
    state,
    location,
  };
}

/** The rejection of a promise, for asserting on SDK errors' name and status. */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}
