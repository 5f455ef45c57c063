import { createHash } from 'node:crypto';
import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { ServiceError } from '../errors.js';
import { DEFAULT_SCOPES, type ClientRegistration, type Clock, type SsoSession } from '../ssoSession.js';
import { toOidcError } from './oidcErrors.js';

export type SignInGrant = 'authorization_code' | 'device_code';

/** Where registrations are kept between runs: the program's own state (tests keep them in memory). */
export interface RegistrationStore {
  read(key: string): ClientRegistration | undefined;
  write(key: string, registration: ClientRegistration): void;
  remove(key: string): void;
}

export interface GetClientRegistrationOptions {
  readonly oidc: SSOOIDCClient;
  readonly session: SsoSession;
  readonly grant: SignInGrant;
  readonly store: RegistrationStore;
  readonly clock: Clock;
  /** Register anew even when a stored registration is still fresh (Identity Center refused it). */
  readonly renew?: boolean;
}

export interface ObtainedRegistration {
  readonly registration: ClientRegistration;
  /** Taken from the store rather than registered now: Identity Center may have forgotten it since. */
  readonly reused: boolean;
}

/** The redirect URI registered; Identity Center accepts any port on it at /authorize (RFC 8252 §7.3). */
export const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';

/** As for tokens, botocore's window: a registration this close to expiry is replaced, not used. */
const REUSE_MARGIN_MS = 15 * 60_000;

const GRANT_TYPES: Record<SignInGrant, string[]> = {
  authorization_code: ['authorization_code', 'refresh_token'],
  device_code: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
};

/** A client registration for this session and grant: the stored one while it is fresh, else a new one. */
export async function getClientRegistration(
  options: GetClientRegistrationOptions,
): Promise<ObtainedRegistration> {
  const { oidc, session, grant, store, clock } = options;
  const scopes = registrationScopes(session);
  const key = registrationKey(session, grant);
  const stored = options.renew ? undefined : store.read(key);
  if (stored && stored.expiresAt.getTime() - REUSE_MARGIN_MS > clock().getTime()) {
    return { registration: stored, reused: true };
  }

  const command = new RegisterClientCommand({
    clientName: 'sso-tui',
    clientType: 'public',
    scopes: [...scopes],
    issuerUrl: session.startUrl,
    grantTypes: GRANT_TYPES[grant],
    ...(grant === 'authorization_code' ? { redirectUris: [REGISTERED_REDIRECT_URI] } : {}),
  });
  let response;
  try {
    response = await oidc.send(command);
  } catch (error) {
    throw toOidcError(error, 'register');
  }
  const { clientId, clientSecret, clientSecretExpiresAt } = response;
  if (!clientId || !clientSecret || clientSecretExpiresAt === undefined) {
    throw new ServiceError(
      'Identity Center returned an incomplete client registration.',
      'Try again in a moment.',
    );
  }
  const registration: ClientRegistration = {
    clientId,
    clientSecret,
    expiresAt: new Date(clientSecretExpiresAt * 1000),
    scopes,
  };
  store.write(key, registration);
  return { registration, reused: false };
}

/** Registrations differ by everything RegisterClient was given, so each combination has its own entry. */
export function registrationKey(session: SsoSession, grant: SignInGrant): string {
  const identity = {
    startUrl: session.startUrl,
    region: session.region,
    scopes: registrationScopes(session),
    grant,
    sessionName: session.name ?? null,
  };
  return createHash('sha1').update(JSON.stringify(identity)).digest('hex');
}

function registrationScopes(session: SsoSession): readonly string[] {
  return session.scopes.length > 0 ? session.scopes : DEFAULT_SCOPES;
}
