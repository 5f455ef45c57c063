import { randomToken, randomUserCode, sameSecret } from './randomValues.js';

export const GRANT_AUTHORIZATION_CODE = 'authorization_code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';
export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const KNOWN_GRANTS: readonly string[] = [
  GRANT_AUTHORIZATION_CODE,
  GRANT_REFRESH_TOKEN,
  GRANT_DEVICE_CODE,
];

export interface Lifetimes {
  /** Access tokens. */
  readonly tokenSeconds: number;
  /** The session a sign-in starts: its refresh tokens are refused once it has lasted this long. */
  readonly sessionSeconds: number;
  readonly registrationSeconds: number;
  readonly deviceCodeSeconds: number;
  readonly authorizationCodeSeconds: number;
}

export interface RegisteredClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  readonly grantTypes: readonly string[];
  readonly redirectUris: readonly string[];
  /** The start URL the client registered for (authorization-code clients send it). */
  readonly issuerUrl?: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface TokenPair {
  readonly accessToken: string;
  /** Absent for clients that may not refresh (registered without the refresh_token grant). */
  readonly refreshToken?: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  /** When the sign-in that issued the pair ends: refreshing after this is refused. */
  readonly sessionEndsAt: number;
  revoked: boolean;
}

export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
}

interface IssuedCode extends AuthorizationRequest {
  readonly expiresAt: number;
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  status: 'pending' | 'approved' | 'denied' | 'redeemed';
  lastPolledAt?: number;
}

/** What outlives a simulator process (the demo keeps it in its sandbox): clients and tokens, not codes in flight. */
export interface IdentitySnapshot {
  readonly clients: readonly RegisteredClient[];
  readonly tokens: readonly TokenPair[];
}

/** Everything the OIDC side remembers: clients, tokens, authorization codes, device codes. No HTTP here. */
export class IdentityStore {
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly accessTokens = new Map<string, TokenPair>();
  private readonly refreshTokens = new Map<string, TokenPair>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly consents = new Map<string, AuthorizationRequest>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly deviceCodesByUserCode = new Map<string, string>();

  constructor(
    private lifetimes: Lifetimes,
    private readonly now: () => number,
  ) {}

  /** What is issued from now on lives as `changes` says; what was issued keeps its expiry. */
  setLifetimes(changes: Partial<Lifetimes>): void {
    this.lifetimes = { ...this.lifetimes, ...changes };
  }

  snapshot(): IdentitySnapshot {
    return { clients: [...this.clients.values()], tokens: [...this.accessTokens.values()] };
  }

  /** Takes back what a snapshot held, as the same objects in both token maps (a revoke reaches both). */
  restore(snapshot: IdentitySnapshot): void {
    for (const client of snapshot.clients) this.clients.set(client.clientId, { ...client });
    for (const stored of snapshot.tokens) {
      const pair: TokenPair = { ...stored };
      this.accessTokens.set(pair.accessToken, pair);
      if (pair.refreshToken !== undefined) this.refreshTokens.set(pair.refreshToken, pair);
    }
  }

  registerClient(input: {
    scopes: readonly string[];
    grantTypes: readonly string[];
    redirectUris: readonly string[];
    issuerUrl?: string;
  }): RegisteredClient {
    const issuedAt = this.now();
    const client: RegisteredClient = {
      ...input,
      clientId: randomToken('', 16),
      clientSecret: randomToken('eyJraWQiOiJrZXktMTU2', 96),
      issuedAt,
      expiresAt: issuedAt + this.lifetimes.registrationSeconds * 1000,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** The client, if the id is known, the secret right and the registration unexpired. */
  authenticateClient(clientId: string, clientSecret: string): RegisteredClient | undefined {
    const client = this.clients.get(clientId);
    if (!client || !sameSecret(client.clientSecret, clientSecret)) return undefined;
    return client.expiresAt > this.now() ? client : undefined;
  }

  findClient(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId);
  }

  /** A sign-in: a pair that starts a session, unless `sessionEndsAt` says it continues one. */
  issueTokens(
    client: RegisteredClient,
    scopes: readonly string[],
    options: { lifetimeSeconds?: number; sessionSeconds?: number; sessionEndsAt?: number } = {},
  ): TokenPair {
    const { lifetimeSeconds } = options;
    const sessionEndsAt =
      options.sessionEndsAt ?? this.now() + (options.sessionSeconds ?? this.lifetimes.sessionSeconds) * 1000;
    const pair: TokenPair = {
      accessToken: randomToken('aoa', 96),
      ...(client.grantTypes.includes(GRANT_REFRESH_TOKEN) ? { refreshToken: randomToken('aor', 96) } : {}),
      clientId: client.clientId,
      scopes,
      expiresAt: this.now() + (lifetimeSeconds ?? this.lifetimes.tokenSeconds) * 1000,
      sessionEndsAt,
      revoked: false,
    };
    this.accessTokens.set(pair.accessToken, pair);
    if (pair.refreshToken) this.refreshTokens.set(pair.refreshToken, pair);
    return pair;
  }

  /** The pair behind an access token the portal should honour: known, unrevoked, unexpired. */
  findLiveAccessToken(accessToken: string): TokenPair | undefined {
    const pair = this.accessTokens.get(accessToken);
    return pair && !pair.revoked && pair.expiresAt > this.now() ? pair : undefined;
  }

  /**
   * Rotation: the old refresh token stops working; the old access token lives on until it expires. A refresh
   * token is live while it is in the map, whatever became of its access token, until its session ends.
   */
  refresh(client: RegisteredClient, refreshToken: string): TokenPair | undefined {
    const pair = this.refreshTokens.get(refreshToken);
    if (!pair || pair.clientId !== client.clientId) return undefined;
    this.refreshTokens.delete(refreshToken);
    if (pair.sessionEndsAt <= this.now()) return undefined;
    return this.issueTokens(client, pair.scopes, { sessionEndsAt: pair.sessionEndsAt });
  }

  /** Logout: the access token and its refresh token stop working. */
  revoke(pair: TokenPair): void {
    pair.revoked = true;
    if (pair.refreshToken) this.refreshTokens.delete(pair.refreshToken);
  }

  forgetClients(): void {
    this.clients.clear();
  }

  revokeAll(includingRefreshTokens: boolean): void {
    for (const pair of this.accessTokens.values()) pair.revoked = true;
    if (includingRefreshTokens) this.refreshTokens.clear();
  }

  issueAuthorizationCode(request: AuthorizationRequest): string {
    const code = randomToken('', 48);
    this.codes.set(code, {
      ...request,
      expiresAt: this.now() + this.lifetimes.authorizationCodeSeconds * 1000,
    });
    return code;
  }

  /** One shot: whatever the outcome of the exchange, a presented code is gone, so it cannot be guessed at. */
  takeAuthorizationCode(code: string): AuthorizationRequest | undefined {
    const issued = this.codes.get(code);
    this.codes.delete(code);
    return issued && issued.expiresAt > this.now() ? issued : undefined;
  }

  /** An /authorize request waiting on the consent page (autoApprove off), under a random id. */
  holdForConsent(request: AuthorizationRequest): string {
    const id = randomToken('', 16);
    this.consents.set(id, request);
    return id;
  }

  takeConsent(id: string): AuthorizationRequest | undefined {
    const request = this.consents.get(id);
    this.consents.delete(id);
    return request;
  }

  startDeviceAuthorization(client: RegisteredClient): DeviceAuthorization {
    let userCode = randomUserCode();
    while (this.deviceCodesByUserCode.has(userCode)) userCode = randomUserCode();
    const device: DeviceAuthorization = {
      deviceCode: randomToken('', 96),
      userCode,
      clientId: client.clientId,
      scopes: client.scopes,
      expiresAt: this.now() + this.lifetimes.deviceCodeSeconds * 1000,
      status: 'pending',
    };
    this.devices.set(device.deviceCode, device);
    this.deviceCodesByUserCode.set(userCode, device.deviceCode);
    return device;
  }

  findDevice(deviceCode: string): DeviceAuthorization | undefined {
    return this.devices.get(deviceCode);
  }

  /** Users type codes by hand: case and the dash do not matter. */
  findDeviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    const normalized = userCode.toUpperCase().replace(/[^A-Z]/g, '');
    const canonical = `${normalized.slice(0, 4)}-${normalized.slice(4)}`;
    const deviceCode = this.deviceCodesByUserCode.get(canonical);
    return deviceCode === undefined ? undefined : this.devices.get(deviceCode);
  }
}
