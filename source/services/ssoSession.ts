/** An Identity Center sign-in configuration, as an `[sso-session NAME]` section of ~/.aws/config describes it. */
export interface SsoSession {
  /** The section name; absent for a legacy profile or a bare `--start-url`. */
  readonly name?: string;
  readonly startUrl: string;
  /** The Identity Center region (`sso_region`). */
  readonly region: string;
  readonly scopes: readonly string[];
}

export const DEFAULT_SCOPES: readonly string[] = ['sso:account:access'];

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
