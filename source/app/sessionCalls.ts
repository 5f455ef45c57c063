import type { AuthCodeSignInHandle, DeviceCodeSignInHandle, SignInMethod } from '../flow/appServices.js';
import { createTokenRefresher } from '../services/auth/refreshGrant.js';
import { SIGN_IN_TIMEOUT_MS, startSignIn } from '../services/auth/startSignIn.js';
import { verifySession } from '../services/auth/setupVerification.js';
import { createOidcClient, createPortalClient } from '../services/awsClients.js';
import { oidcEndpoint } from '../services/endpoints.js';
import { Portal } from '../services/portal.js';
import { RateBudget } from '../services/rateBudget.js';
import { refuseSpecialAwsFiles } from '../services/sessionConfig.js';
import type { RegistrationStore } from '../services/auth/clientRegistration.js';
import type { SsoSession, SsoToken } from '../services/ssoSession.js';
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
  startSignIn(method: SignInMethod): Promise<PendingSignIn>;
}

/** A sign-in under way, as the flow sees it, but with the token itself: the caller caches it. */
export type PendingSignIn =
  | (Omit<AuthCodeSignInHandle, 'signedIn'> & { readonly token: Promise<SsoToken> })
  | (Omit<DeviceCodeSignInHandle, 'signedIn'> & { readonly token: Promise<SsoToken> });

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
    startSignIn: async (method) => {
      const started = await startSignIn({
        oidc,
        session,
        method,
        store: options.store,
        env: io.env,
        clock: io.clock,
        callbackPort: options.callbackPort,
      });
      if (started.kind === 'deviceCode') {
        const { signIn } = started;
        return {
          kind: 'deviceCode',
          userCode: signIn.userCode,
          verificationUri: signIn.verificationUri,
          verificationUriComplete: signIn.verificationUriComplete,
          deadline: signIn.expiresAt,
          token: signIn.token,
          cancel: () => signIn.cancel(),
        };
      }
      const { signIn } = started;
      return {
        kind: 'authCode',
        authorizeUrl: signIn.authorizeUrl,
        redirectUri: signIn.redirectUri,
        deadline: new Date(io.clock().getTime() + SIGN_IN_TIMEOUT_MS),
        token: signIn.token,
        submitCallbackUrl: (text) => signIn.submitCallbackUrl(text),
        cancel: () => signIn.cancel(),
      };
    },
  };
}
