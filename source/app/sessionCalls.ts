import type { SignInMethod } from '../flow/appServices.js';
import { createTokenRefresher } from '../services/auth/refreshGrant.js';
import { startSignIn, type StartedSignIn } from '../services/auth/startSignIn.js';
import { verifySession } from '../services/auth/setupVerification.js';
import { createOidcClient, createPortalClient } from '../services/awsClients.js';
import { oidcEndpoint } from '../services/endpoints.js';
import { Portal } from '../services/portal.js';
import { RateBudget } from '../services/rateBudget.js';
import { refuseSpecialAwsFiles } from '../services/sessionConfig.js';
import type { RegistrationStore } from '../services/auth/clientRegistration.js';
import type { SsoSession } from '../services/ssoSession.js';
import type { TokenRefresher } from '../services/tokenRefresh.js';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Io } from '../commands/context.js';

/**
 * What the full-screen flow does through the AWS SDK for one session. It is its own module, imported only
 * when first needed, so a warm start draws the cached lists before the SDK has even loaded.
 */
export interface SessionCalls {
  readonly oidc: SSOOIDCClient;
  /** The refresh_token grant over `oidc`. */
  readonly refresh: TokenRefresher;
  portal(accessToken: string): Portal;
  /** Starts a sign-in; `token` resolves with the new token (not yet cached). */
  startSignIn(method: SignInMethod): Promise<StartedSignIn>;
}

/** Tries a session's start URL and region before they are saved (see verifySession). */
export async function verifyNewSession(
  options: { readonly io: Io; readonly store: RegistrationStore },
  session: SsoSession,
): Promise<void> {
  await refuseSpecialAwsFiles(options.io.homeDir, options.io.env);
  await verifySession({
    oidc: createOidcClient(session.region, options.io.env, options.io.homeDir),
    oidcEndpoint: oidcEndpoint(session.region, options.io.env),
    session,
    store: options.store,
    clock: options.io.clock,
  });
}

export async function createSessionCalls(
  options: { readonly io: Io; readonly store: RegistrationStore; readonly callbackPort?: number },
  session: SsoSession,
): Promise<SessionCalls> {
  const { io } = options;
  await refuseSpecialAwsFiles(io.homeDir, io.env);
  const oidc = createOidcClient(session.region, io.env, io.homeDir);
  const portalClient = createPortalClient(session.region, io.env, io.homeDir);
  const budget = new RateBudget();
  return {
    oidc,
    refresh: createTokenRefresher(oidc, io.clock),
    portal: (accessToken) => new Portal({ client: portalClient, accessToken, budget }),
    startSignIn: (method) =>
      startSignIn({
        oidc,
        session,
        method,
        store: options.store,
        env: io.env,
        clock: io.clock,
        callbackPort: options.callbackPort,
      }),
  };
}
