import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { oidcEndpoint, type Environment } from '../endpoints.js';
import type { Clock, SsoSession } from '../ssoSession.js';
import { startAuthCodeSignIn, type AuthCodeSignIn } from './authCodeSignIn.js';
import {
  getClientRegistration,
  registrationKey,
  type SignInGrant,
  type RegistrationStore,
} from './clientRegistration.js';
import { startDeviceCodeSignIn, type DeviceCodeSignIn } from './deviceCodeSignIn.js';
import { OidcError } from './oidcErrors.js';

export type SignInMethod = 'authCode' | 'deviceCode';

/** A sign-in under way, told apart by `kind`; `token` resolves with the new token (not yet cached). */
export type StartedSignIn = AuthCodeSignIn | DeviceCodeSignIn;

/**
 * Starts a sign-in the way the command line and the full screen both do: the client registration for the
 * method (reused while fresh), then the authorization-code flow with PKCE or the device-code flow.
 *
 * A stored registration can outlive Identity Center's memory of it (an instance recreated, a state file
 * copied from another machine). The device-code flow learns so at once and registers anew; the browser
 * flow only sees an error page at /authorize, so a reused registration is forgotten whenever its sign-in
 * ends without a token, and the next attempt registers anew.
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
  const { oidc, session, store, clock } = options;
  const grant: SignInGrant = options.method === 'deviceCode' ? 'device_code' : 'authorization_code';
  const forget = (): void => store.remove(registrationKey(session, grant));
  const obtained = await getClientRegistration({ oidc, session, grant, store, clock });
  if (options.method === 'deviceCode') {
    const start = async (registration: typeof obtained.registration): Promise<StartedSignIn> => {
      const signIn = await startDeviceCodeSignIn({ oidc, session, registration, clock });
      // The caller waits on the token and sees its error; this only watches it.
      signIn.token.catch((error: unknown) => {
        if (isInvalidClient(error)) forget();
      });
      return signIn;
    };
    try {
      return await start(obtained.registration);
    } catch (error) {
      if (!obtained.reused || !isInvalidClient(error)) throw error;
      const renewed = await getClientRegistration({ oidc, session, grant, store, clock, renew: true });
      return start(renewed.registration);
    }
  }
  const signIn = await startAuthCodeSignIn({
    oidc,
    oidcEndpoint: oidcEndpoint(session.region, options.env),
    session,
    registration: obtained.registration,
    callbackPort: options.callbackPort,
    clock,
  });
  signIn.token.catch(() => {
    if (obtained.reused) forget();
  });
  return signIn;
}

function isInvalidClient(error: unknown): boolean {
  return error instanceof OidcError && error.reason === 'InvalidClientException';
}
