import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { oidcEndpoint, type Environment } from '../endpoints.js';
import type { Clock, SsoSession } from '../ssoSession.js';
import { startAuthCodeLogin, type AuthCodeLogin } from './authCodeLogin.js';
import { getClientRegistration, type RegistrationStore } from './clientRegistration.js';
import { startDeviceCodeLogin, type DeviceCodeLogin } from './deviceCodeLogin.js';

/** How long the redirect server waits for the browser before the sign-in gives up. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export type SignInMethod = 'authCode' | 'deviceCode';

export type StartedSignIn =
  | { readonly kind: 'authCode'; readonly login: AuthCodeLogin }
  | { readonly kind: 'deviceCode'; readonly login: DeviceCodeLogin };

/**
 * Starts a sign-in the way the command line and the full screen both do: the client registration for the
 * method (reused while fresh), then the authorization-code flow with PKCE or the device-code flow.
 */
export async function startSignIn(options: {
  readonly oidc: SSOOIDCClient;
  readonly session: SsoSession;
  readonly method: SignInMethod;
  readonly store: RegistrationStore;
  readonly env: Environment;
  readonly clock: Clock;
  readonly callbackPort?: number;
}): Promise<StartedSignIn> {
  const { oidc, session, clock } = options;
  const registration = await getClientRegistration({
    oidc,
    session,
    grant: options.method === 'deviceCode' ? 'device_code' : 'authorization_code',
    store: options.store,
    clock,
  });
  if (options.method === 'deviceCode') {
    return { kind: 'deviceCode', login: await startDeviceCodeLogin({ oidc, session, registration, clock }) };
  }
  const login = await startAuthCodeLogin({
    oidc,
    oidcEndpoint: oidcEndpoint(session.region, options.env),
    session,
    registration,
    callbackPort: options.callbackPort,
    timeoutMs: SIGN_IN_TIMEOUT_MS,
    clock,
  });
  return { kind: 'authCode', login };
}
