import { portalError, type Reply } from './wire.js';

/** Switches tests flip directly on `simulator.faults`; all off (0 / false) by default. */
export interface Faults {
  /** Delay in ms before every response, portal and OIDC. */
  latencyMs: number;
  /** Every Nth portal call (counted from when the value was set) answers 429. */
  throttleEveryNth: number;
  /** Portal calls beyond N within any sliding second answer 429; refused calls do not use up the budget. */
  maxCallsPerSecond: number;
  /** Every Nth portal call (counted from when the value was set) answers 500. */
  serverErrorEveryNth: number;
  /** Every portal call answers 401. */
  unauthorized: boolean;
  /** /authorize and /device deny the sign-in. */
  denyAuthorization: boolean;
  /** The next N device-code polls answer slow_down. */
  slowDownPolls: number;
  /** ListAccountRoles for these account ids always answers 500, as an account whose listing keeps failing. */
  failingRoleListings: string[];
  /** GetRoleCredentials answers 400 with a message full of escape sequences (HOSTILE_PAYLOADS). */
  hostileRefusals: boolean;
  /** GetRoleCredentials hands out a session token ending in an escape sequence. */
  hostileCredentials: boolean;
  /** GetRoleCredentials leaves this field out of its answer ('roleCredentials': all of it); '' for none. */
  credentialsWithout: '' | 'roleCredentials' | 'accessKeyId' | 'secretAccessKey' | 'sessionToken';
  /** StartDeviceAuthorization answers this verification URI (and `?user_code=…` after it); '' for its own. */
  verificationUri: string;
  /** Every portal call answers 400 quoting its bearer token, as a careless proxy might: text never to repeat. */
  echoTokenInErrors: boolean;
}

export function createFaults(): Faults {
  return {
    latencyMs: 0,
    throttleEveryNth: 0,
    maxCallsPerSecond: 0,
    serverErrorEveryNth: 0,
    unauthorized: false,
    denyAuthorization: false,
    slowDownPolls: 0,
    failingRoleListings: [],
    hostileRefusals: false,
    hostileCredentials: false,
    credentialsWithout: '',
    verificationUri: '',
    echoTokenInErrors: false,
  };
}

export const SESSION_INVALID = 'Session token not found or invalid';

/**
 * Decides, before a portal call is served, whether a fault answers it instead. The rate limit comes first,
 * as the service's front door would; the every-Nth counters restart whenever their switch changes, so a test
 * that sets `throttleEveryNth = 3` knows its third call is the one refused.
 */
export class PortalFaultGate {
  private readonly servedAt: number[] = [];
  private throttle = { every: 0, count: 0 };
  private serverError = { every: 0, count: 0 };

  constructor(
    private readonly faults: Faults,
    private readonly now: () => number,
  ) {}

  faultFor(bearerToken: unknown): Reply | undefined {
    if (this.overRateLimit()) return portalError(429, 'TooManyRequestsException', 'Rate exceeded');
    if (this.faults.unauthorized) return portalError(401, 'UnauthorizedException', SESSION_INVALID);
    if (this.faults.echoTokenInErrors) {
      return portalError(400, 'ValidationException', `Request refused for token ${String(bearerToken)}`);
    }
    this.throttle = countCall(this.throttle, this.faults.throttleEveryNth);
    if (isNth(this.throttle)) return portalError(429, 'TooManyRequestsException', 'Rate exceeded');
    this.serverError = countCall(this.serverError, this.faults.serverErrorEveryNth);
    if (isNth(this.serverError)) {
      return portalError(500, 'InternalServerException', 'An internal error occurred');
    }
    return undefined;
  }

  private overRateLimit(): boolean {
    const limit = this.faults.maxCallsPerSecond;
    const now = this.now();
    while (this.servedAt.length > 0 && this.servedAt[0]! <= now - 1000) this.servedAt.shift();
    if (limit > 0 && this.servedAt.length >= limit) return true;
    this.servedAt.push(now);
    return false;
  }
}

function countCall(
  counter: { every: number; count: number },
  every: number,
): { every: number; count: number } {
  return { every, count: counter.every === every ? counter.count + 1 : 1 };
}

function isNth(counter: { every: number; count: number }): boolean {
  return counter.every > 0 && counter.count % counter.every === 0;
}
