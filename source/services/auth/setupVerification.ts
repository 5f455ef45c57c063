import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { SignInFailedError } from '../errors.js';
import type { Clock, SsoSession } from '../ssoSession.js';
import {
  getClientRegistration,
  REGISTERED_REDIRECT_URI,
  type RegistrationStore,
} from './clientRegistration.js';
import { createPkce } from './pkce.js';

export interface VerifySessionOptions {
  readonly oidc: SSOOIDCClient;
  /** The OIDC endpoint of the session's region, as `oidcEndpoint` gives it; the browser would go to its /authorize. */
  readonly oidcEndpoint: string;
  readonly session: SsoSession;
  readonly store: RegistrationStore;
  readonly clock: Clock;
  readonly timeoutMs?: number;
}

/** Identity Center's /authorize refused a start URL and region that were about to be saved. */
export class SetupRefusedError extends SignInFailedError {
  override readonly name = 'SetupRefusedError';
  constructor(
    readonly startUrl: string,
    readonly region: string,
    readonly status: number,
  ) {
    super(
      `Identity Center in ${region} does not answer for ${startUrl} (its sign-in page said ${status}).`,
      'Check the start URL and the region.',
    );
  }
}

const VERIFY_TIMEOUT_MS = 15_000;

/**
 * Checks a start URL and region before they are saved, as a sign-in would use them: a client registration
 * (kept, so the sign-in that follows reuses it) and the authorize page the browser would open. A wrong
 * region fails to resolve or to register; a start URL Identity Center does not know is refused there.
 */
export async function verifySession(options: VerifySessionOptions): Promise<void> {
  const { oidc, session, store, clock } = options;
  const { registration } = await getClientRegistration({
    oidc,
    session,
    grant: 'authorization_code',
    store,
    clock,
  });
  const pkce = createPkce();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: registration.clientId,
    redirect_uri: REGISTERED_REDIRECT_URI,
    state: pkce.state,
    code_challenge_method: 'S256',
    scopes: registration.scopes.join(' '),
    code_challenge: pkce.challenge,
  });
  // Not followed: a redirect to the portal's sign-in page (or, in the simulator, to the callback) is the
  // answer that matters; the browser never opens and no callback is served.
  const authorizeUrl = `${options.oidcEndpoint}/authorize`;
  let response: Response;
  try {
    response = await fetch(`${authorizeUrl}?${query.toString()}`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? VERIFY_TIMEOUT_MS),
    });
  } catch (error) {
    throw new SignInFailedError(
      `Could not reach Identity Center's sign-in page at ${authorizeUrl}.`,
      'Check the network and the region.',
      { cause: error },
    );
  }
  await response.body?.cancel();
  const location = response.headers.get('location') ?? '';
  const refusedByRedirect =
    location.startsWith(REGISTERED_REDIRECT_URI) && new URL(location).searchParams.has('error');
  if (response.status >= 400 || refusedByRedirect) {
    throw new SetupRefusedError(session.startUrl, session.region, response.status);
  }
}
