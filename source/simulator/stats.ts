export interface PortalCall {
  readonly op: string;
  readonly status: number;
  /** When the call was answered, by the simulator's clock (ms). */
  readonly at: number;
  /** The account a call was about (`ListAccountRoles`, `GetRoleCredentials`), so a test can see the order. */
  readonly accountId?: string;
}

/** What the simulator has answered since it started or since `resetStats()`. */
export interface SimulatorStats {
  /** Requests per operation (`RegisterClient`, `CreateToken`, `ListAccounts`, `Authorize`…). */
  readonly operations: Readonly<Record<string, number>>;
  /** Responses with status 429, 401 and 5xx, OIDC and portal alike. */
  readonly throttled: number;
  readonly unauthorized: number;
  readonly serverErrors: number;
  readonly portalCalls: readonly PortalCall[];
  /** Tokens CreateToken issued, per grant type (`authorization_code`, `refresh_token`, the device grant). */
  readonly grants: Readonly<Record<string, number>>;
}

interface MutableStats {
  operations: Record<string, number>;
  throttled: number;
  unauthorized: number;
  serverErrors: number;
  portalCalls: PortalCall[];
  grants: Record<string, number>;
}

/** One object for the simulator's lifetime, so a reference a test holds stays current. */
export class StatsRecorder {
  readonly stats: MutableStats = {
    operations: {},
    throttled: 0,
    unauthorized: 0,
    serverErrors: 0,
    portalCalls: [],
    grants: {},
  };

  record(op: string, status: number, at: number, portal: boolean, accountId?: string): void {
    this.stats.operations[op] = (this.stats.operations[op] ?? 0) + 1;
    if (status === 429) this.stats.throttled++;
    if (status === 401) this.stats.unauthorized++;
    if (status >= 500) this.stats.serverErrors++;
    if (portal) this.stats.portalCalls.push({ op, status, at, ...(accountId ? { accountId } : {}) });
  }

  recordGrant(grantType: string): void {
    this.stats.grants[grantType] = (this.stats.grants[grantType] ?? 0) + 1;
  }

  reset(): void {
    this.stats.grants = {};
    this.stats.operations = {};
    this.stats.throttled = 0;
    this.stats.unauthorized = 0;
    this.stats.serverErrors = 0;
    this.stats.portalCalls = [];
  }
}
