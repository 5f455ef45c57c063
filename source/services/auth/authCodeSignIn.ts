import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration, Clock, SsoSession, SsoToken } from '../ssoSession.js';
import { unlessCancelled } from './cancellation.js';
import { toOidcError } from './oidcErrors.js';
import { createPkce } from './pkce.js';
import { SIGN_IN_TIMEOUT_MS, startRedirectServer } from './redirectServer.js';
import { ssoTokenFromResponse } from './ssoTokenFromResponse.js';

export interface StartAuthCodeSignInOptions {
  readonly oidc: SSOOIDCClient;
  /** The OIDC endpoint the SDK client talks to, as `oidcEndpoint` gives it; the browser goes to its /authorize. */
  readonly oidcEndpoint: string;
  readonly session: SsoSession;
  /** A registration made for the authorization_code grant. */
  readonly registration: ClientRegistration;
  readonly callbackPort?: number;
  readonly timeoutMs?: number;
  readonly clock: Clock;
}

export interface AuthCodeSignIn {
  readonly kind: 'authCode';
  /** Where to send the browser; the caller opens it (and shows it, and may open it again). */
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  /** When the redirect server stops waiting and the sign-in gives up. */
  readonly deadline: Date;
  /** The callback URL pasted by hand (SSH); throws a UserError if it does not belong to this sign-in. */
  submitCallbackUrl(text: string): void;
  readonly token: Promise<SsoToken>;
  /** Stops waiting: the redirect server closes and `token` rejects with CancelledError. */
  cancel(): void;
}

/** The authorization-code flow with PKCE (SPEC §3): starts listening for the callback and returns at once. */
export async function startAuthCodeSignIn(options: StartAuthCodeSignInOptions): Promise<AuthCodeSignIn> {
  const { oidc, oidcEndpoint, session, registration, callbackPort, clock } = options;
  const timeoutMs = options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  const deadline = new Date(clock().getTime() + timeoutMs);
  const pkce = createPkce();
  const server = await startRedirectServer({
    state: pkce.state,
    ...(callbackPort === undefined ? {} : { port: callbackPort }),
    timeoutMs,
  });
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: registration.clientId,
    redirect_uri: server.redirectUri,
    state: pkce.state,
    code_challenge_method: 'S256',
    scopes: registration.scopes.join(' '),
    code_challenge: pkce.challenge,
  });
  const abort = new AbortController();

  async function exchangeCode(): Promise<SsoToken> {
    const { code } = await server.result;
    const command = new CreateTokenCommand({
      grantType: 'authorization_code',
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      code,
      codeVerifier: pkce.verifier,
      redirectUri: server.redirectUri,
    });
    try {
      const response = await oidc.send(command, { abortSignal: abort.signal });
      return ssoTokenFromResponse(response, session, registration, clock);
    } catch (error) {
      throw toOidcError(error, 'authorization-code');
    }
  }

  return {
    kind: 'authCode',
    authorizeUrl: `${oidcEndpoint}/authorize?${query.toString()}`,
    redirectUri: server.redirectUri,
    deadline,
    submitCallbackUrl: (text) => server.submitPastedUrl(text),
    token: unlessCancelled(exchangeCode(), abort.signal),
    cancel() {
      abort.abort();
      void server.close();
    },
  };
}
