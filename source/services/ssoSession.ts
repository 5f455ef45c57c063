import { UsageError } from './errors.js';

/** An Identity Center sign-in configuration, as an `[sso-session NAME]` section of ~/.aws/config describes it. */
export interface SsoSession {
  /** The section name; absent for a legacy profile or a bare `--start-url`. */
  readonly name?: string;
  /**
   * For a legacy session: the `[profile X]` sections that carry `sso_start_url` and `sso_region` themselves
   * (no `sso_session`), first one first. Its token cache is keyed by the start URL, as AWS CLI does.
   */
  readonly legacyProfiles?: readonly string[];
  readonly startUrl: string;
  /** The Identity Center region (`sso_region`). */
  readonly region: string;
  readonly scopes: readonly string[];
  /** Why its section cannot be read with certainty; a command that chooses it is refused with this. */
  readonly unreadable?: string;
}

export const DEFAULT_SCOPES: readonly string[] = ['sso:account:access'];

/** What a person calls the session: its section name, or the first legacy profile that names it. */
export function sessionDisplayName(session: SsoSession): string | undefined {
  return session.name ?? session.legacyProfiles?.[0];
}

/** A bearer token for the portal, with what is needed to refresh it, as the shared cache file holds it. */
export interface SsoToken {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly refreshToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: Date;
}

/** A public OIDC client registered with RegisterClient. */
export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
}

/** Anything that tells the time; tests pass a fake one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * The `[sso-session]` an SSO profile points at (`sso_session = NAME`): export and populate write only such
 * profiles, so a session given by its start URL alone cannot have them.
 */
export function sessionNameForProfiles(session: SsoSession): string {
  if (session.name) return session.name;
  throw new UsageError(
    'An SSO profile needs an [sso-session] in the AWS config file to point at.',
    undefined,
    {
      next: 'name-session',
    },
  );
}
