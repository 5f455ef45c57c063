import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { authorize, decideConsent, verifyDevice } from './browserRoutes.js';
import type { IssuedRoleCredentials, SimulatorContext } from './context.js';
import { createFaults, PortalFaultGate, type Faults } from './faults.js';
import { federationOperation, serveFederation } from './federationRoutes.js';
import {
  GRANT_AUTHORIZATION_CODE,
  GRANT_DEVICE_CODE,
  GRANT_REFRESH_TOKEN,
  IdentityStore,
  type IdentitySnapshot,
} from './identityStore.js';
import { createToken, registerClient, startDeviceAuthorization } from './oidcRoutes.js';
import { generateOrganization, type Organization } from './organization.js';
import { portalOperation, servePortal } from './portalRoutes.js';
import { StatsRecorder, type SimulatorStats } from './stats.js';
import { parseJsonObject, portalError, readBody, RejectedRequest, writeReply, type Reply } from './wire.js';

export interface SimulatorOptions {
  /** Size of the generated organization; default 50. Ignored when `organization` is given. */
  readonly accounts?: number;
  readonly seed?: number;
  readonly organization?: Organization;
  /** Access tokens; default 1 hour, as Identity Center issues them. */
  readonly tokenLifetimeSeconds?: number;
  /** The session a sign-in starts (refresh tokens are refused after it); default 8 hours, Identity Center's default. */
  readonly sessionLifetimeSeconds?: number;
  /** Client registrations; default 90 days. */
  readonly registrationLifetimeSeconds?: number;
  /** Role credentials; default 1 hour. */
  readonly credentialLifetimeSeconds?: number;
  /** Device codes; default 600. */
  readonly deviceCodeLifetimeSeconds?: number;
  /** The `interval` StartDeviceAuthorization returns; default 1. */
  readonly deviceCodeIntervalSeconds?: number;
  /** GET /authorize redirects with a code at once (default); when false it shows an Allow / Deny page. */
  readonly autoApprove?: boolean;
  /**
   * The start URLs of the instance. When set, /authorize refuses a client registered for another one, as
   * Identity Center's sign-in page does for a start URL it does not serve in its region; unset, any goes.
   */
  readonly startUrls?: readonly string[];
  /**
   * A file that keeps the clients and tokens between runs: read at start when it exists, rewritten (0600)
   * after every request that changes them. The demo keeps one in its sandbox, so a token one process got
   * still works for the next, which serves on a port of its own.
   */
  readonly stateFile?: string;
  /** The clock in ms; default Date.now. Expiry and the rate limit follow it; `faults.latencyMs` does not. */
  readonly now?: () => number;
}

/** The lifetimes a running simulator can change. */
export type LifetimeOptions = Pick<
  SimulatorOptions,
  'tokenLifetimeSeconds' | 'sessionLifetimeSeconds' | 'registrationLifetimeSeconds'
>;

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: Date;
  readonly registrationExpiresAt: Date;
}

export interface Simulator {
  /** http://127.0.0.1:PORT, no trailing slash; both AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO. */
  readonly url: string;
  readonly organization: Organization;
  readonly faults: Faults;
  readonly stats: SimulatorStats;
  /** Registers a client (PKCE, refresh and device grants) and issues a token pair, for test setup. */
  issueTokens(options?: {
    lifetimeSeconds?: number;
    sessionSeconds?: number;
    scopes?: string[];
  }): IssuedTokens;
  /** Approves a pending device code as the verification page would; throws for an unknown code. */
  approveDevice(userCode: string): void;
  denyDevice(userCode: string): void;
  /** Every access token answers 401 from now on; refresh tokens die too unless `refreshTokens` is false. */
  revokeAllTokens(options?: { refreshTokens?: boolean }): void;
  /**
   * Registrations, sign-ins and tokens issued from now on live as given; those issued before keep their
   * expiry. A test lets a short registration or session run out, and the sign-in that replaces it is not
   * held to the same few seconds on a slow machine.
   */
  setLifetimes(lifetimes: LifetimeOptions): void;
  /** Every client registered so far is unknown from now on, as after an Identity Center instance is rebuilt. */
  forgetClients(): void;
  /** Every set of role credentials GetRoleCredentials returned, oldest first (not cleared by resetStats). */
  issuedCredentials(): readonly IssuedRoleCredentials[];
  resetStats(): void;
  close(): Promise<void>;
}

const HOUR = 3600;
const DEFAULT_SCOPES = ['sso:account:access'];
const TEST_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';

/** Starts the simulator on 127.0.0.1 with a port the OS picks. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const organization =
    options.organization ?? generateOrganization({ accounts: options.accounts ?? 50, seed: options.seed });
  const faults = createFaults();
  const store = new IdentityStore(
    {
      tokenSeconds: options.tokenLifetimeSeconds ?? HOUR,
      sessionSeconds: options.sessionLifetimeSeconds ?? 8 * HOUR,
      registrationSeconds: options.registrationLifetimeSeconds ?? 90 * 24 * HOUR,
      deviceCodeSeconds: options.deviceCodeLifetimeSeconds ?? 600,
      authorizationCodeSeconds: 300,
    },
    now,
  );
  if (options.stateFile) {
    const snapshot = await readSnapshot(options.stateFile);
    if (snapshot) store.restore(snapshot);
  }
  const recorder = new StatsRecorder();
  const gate = new PortalFaultGate(faults, now);
  const closing = new AbortController();

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const context: SimulatorContext = {
    url: `http://127.0.0.1:${port}`,
    now,
    faults,
    store,
    organization,
    accountsById: new Map(organization.accounts.map((account) => [account.accountId, account])),
    issuedCredentials: [],
    autoApprove: options.autoApprove ?? true,
    ...(options.startUrls ? { startUrls: options.startUrls } : {}),
    credentialLifetimeSeconds: options.credentialLifetimeSeconds ?? HOUR,
    deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 1,
  };

  const { stateFile } = options;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(context, gate, recorder, closing.signal, request).then(
      (reply) => {
        // Written before the answer goes out, so a process that exits right after its last call loses nothing.
        if (stateFile && request.method === 'POST') saveSnapshot(stateFile, store.snapshot());
        writeReply(response, reply);
      },
      (error: unknown) => {
        // Closing cancels delayed replies; nobody is waiting for them any more.
        if (closing.signal.aborted) return void response.destroy();
        // A body too large to read, or a bug here: answer rather than leave the client hanging.
        writeReply(
          response,
          error instanceof RejectedRequest
            ? error.reply
            : portalError(500, 'InternalServerException', 'The simulator failed.'),
        );
      },
    );
  });

  const findDevice = (userCode: string) => {
    const device = store.findDeviceByUserCode(userCode);
    if (!device) throw new Error(`No device authorization has the user code ${userCode}.`);
    return device;
  };

  return {
    url: context.url,
    organization,
    faults,
    stats: recorder.stats,
    issueTokens(issue = {}) {
      const scopes = issue.scopes ?? DEFAULT_SCOPES;
      const client = store.registerClient({
        scopes,
        grantTypes: [GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN, GRANT_DEVICE_CODE],
        redirectUris: [TEST_REDIRECT_URI],
      });
      const pair = store.issueTokens(client, scopes, {
        ...(issue.lifetimeSeconds === undefined ? {} : { lifetimeSeconds: issue.lifetimeSeconds }),
        ...(issue.sessionSeconds === undefined ? {} : { sessionSeconds: issue.sessionSeconds }),
      });
      return {
        accessToken: pair.accessToken,
        // The client above was registered with the refresh_token grant, so the pair has one.
        refreshToken: pair.refreshToken!,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        expiresAt: new Date(pair.expiresAt),
        registrationExpiresAt: new Date(client.expiresAt),
      };
    },
    setLifetimes(lifetimes) {
      store.setLifetimes({
        ...(lifetimes.tokenLifetimeSeconds === undefined
          ? {}
          : { tokenSeconds: lifetimes.tokenLifetimeSeconds }),
        ...(lifetimes.sessionLifetimeSeconds === undefined
          ? {}
          : { sessionSeconds: lifetimes.sessionLifetimeSeconds }),
        ...(lifetimes.registrationLifetimeSeconds === undefined
          ? {}
          : { registrationSeconds: lifetimes.registrationLifetimeSeconds }),
      });
    },
    approveDevice(userCode) {
      const device = findDevice(userCode);
      if (device.status === 'pending') device.status = 'approved';
    },
    denyDevice(userCode) {
      const device = findDevice(userCode);
      if (device.status === 'pending') device.status = 'denied';
    },
    revokeAllTokens(revoke = {}) {
      store.revokeAll(revoke.refreshTokens ?? true);
    },
    forgetClients() {
      store.forgetClients();
    },
    issuedCredentials: () => [...context.issuedCredentials],
    resetStats: () => recorder.reset(),
    close() {
      closing.abort();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close would wait for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

async function handle(
  context: SimulatorContext,
  gate: PortalFaultGate,
  recorder: StatsRecorder,
  closing: AbortSignal,
  request: IncomingMessage,
): Promise<Reply> {
  const url = new URL(request.url ?? '/', context.url);
  const method = request.method ?? 'GET';
  const body = method === 'POST' ? await readBody(request) : '';
  if (context.faults.latencyMs > 0) await delay(context.faults.latencyMs, undefined, { signal: closing });
  const portalOp = portalOperation(method, url.pathname);
  const federationOp = federationOperation(method, url.pathname, url.searchParams);
  const op = portalOp ?? federationOp ?? oidcOperation(method, url.pathname) ?? 'Unknown';
  const reply = answer(() => {
    if (portalOp) {
      return (
        gate.faultFor(request.headers['x-amz-sso_bearer_token']) ??
        servePortal(context, portalOp, url.searchParams, request.headers)
      );
    }
    if (federationOp) return serveFederation(context, federationOp, url.searchParams);
    return route(context, op, url.searchParams, body);
  });
  const accountId = portalOp ? (url.searchParams.get('account_id') ?? undefined) : undefined;
  recorder.record(op, reply.status, context.now(), portalOp !== undefined, accountId);
  if (op === 'CreateToken' && reply.status === 200) recorder.recordGrant(grantTypeOf(body));
  return reply;
}

function grantTypeOf(body: string): string {
  const grantType: unknown = (JSON.parse(body) as Record<string, unknown>).grantType;
  return String(grantType);
}

function answer(produce: () => Reply): Reply {
  try {
    return produce();
  } catch (error) {
    if (error instanceof RejectedRequest) return error.reply;
    throw error;
  }
}

function oidcOperation(method: string, path: string): string | undefined {
  const routes: Record<string, string> = {
    'POST /client/register': 'RegisterClient',
    'POST /token': 'CreateToken',
    'POST /device_authorization': 'StartDeviceAuthorization',
    'GET /authorize': 'Authorize',
    'POST /authorize/consent': 'AuthorizeConsent',
    'GET /device': 'VerifyDevice',
  };
  return routes[`${method} ${path}`];
}

function route(context: SimulatorContext, op: string, query: URLSearchParams, body: string): Reply {
  switch (op) {
    case 'RegisterClient':
      return registerClient(context, parseJsonObject(body));
    case 'CreateToken':
      return createToken(context, parseJsonObject(body));
    case 'StartDeviceAuthorization':
      return startDeviceAuthorization(context, parseJsonObject(body));
    case 'Authorize':
      return authorize(context, query);
    case 'AuthorizeConsent':
      return decideConsent(context, new URLSearchParams(body));
    case 'VerifyDevice':
      return verifyDevice(context, query);
    default:
      return portalError(404, 'UnknownOperationException', 'No such operation.');
  }
}

async function readSnapshot(file: string): Promise<IdentitySnapshot | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as IdentitySnapshot;
  } catch (error) {
    // A missing or torn file starts the simulator afresh: it is a demo's state, nobody's data.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function saveSnapshot(file: string, snapshot: IdentitySnapshot): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot), { mode: 0o600 });
  renameSync(temporary, file);
}
