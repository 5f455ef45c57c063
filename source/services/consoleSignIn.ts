import type { Environment } from './endpoints.js';
import { UserError } from './errors.js';
import type { RoleCredentials } from './portal.js';

export type ConsoleCredentials = Pick<RoleCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

export interface ConsoleUrlOptions {
  readonly credentials: ConsoleCredentials;
  /** The region the console opens in; it also picks the partition's sign-in endpoint. */
  readonly region: string;
  readonly env: Environment;
  readonly fetch?: typeof fetch;
  /** The console page to land on; default the console home of `region`. */
  readonly destination?: string;
  /** Where the console's "sign out" and "session expired" links point; default `sso-tui`. */
  readonly issuer?: string;
}

/**
 * The federation endpoint for credentials used in `region`. `AWS_ENDPOINT_URL_SIGNIN` moves it, as the
 * other `AWS_ENDPOINT_URL_*` variables move theirs; our tests point it at the simulator's `/federation`.
 */
export function federationEndpoint(region: string, env: Environment): string {
  const override = env.AWS_ENDPOINT_URL_SIGNIN?.replace(/\/+$/, '');
  if (override) return override;
  if (region.startsWith('cn-')) return 'https://signin.amazonaws.cn/federation';
  if (region.startsWith('us-gov-')) return 'https://signin.amazonaws-us-gov.com/federation';
  if (region === 'us-east-1') return 'https://signin.aws.amazon.com/federation';
  return `https://${region}.signin.aws.amazon.com/federation`;
}

/** The console home page of `region`'s partition. */
export function consoleHome(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn/';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com/';
  return `https://${region}.console.aws.amazon.com/`;
}

/**
 * A URL that signs the browser into the console as the role the credentials belong to: the credentials are
 * exchanged for a sign-in token (valid 15 minutes), which goes into a login URL on the same endpoint.
 *
 * No `SessionDuration` is sent: the IAM User Guide allows it only for roles assumed with an IAM user's
 * long-term credentials and says the federation call fails otherwise; without it the console session
 * lasts as long as the credentials, which is what the user sees counted down.
 */
export async function createConsoleUrl(options: ConsoleUrlOptions): Promise<string> {
  const endpoint = federationEndpoint(options.region, options.env);
  const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
  const session = JSON.stringify({ sessionId: accessKeyId, sessionKey: secretAccessKey, sessionToken });
  const signinToken = await requestSigninToken(
    `${endpoint}?${new URLSearchParams({ Action: 'getSigninToken', Session: session }).toString()}`,
    endpoint,
    options.fetch ?? fetch,
  );
  const login = new URLSearchParams({
    Action: 'login',
    Issuer: options.issuer ?? 'sso-tui',
    Destination: options.destination ?? consoleHome(options.region),
    SigninToken: signinToken,
  });
  return `${endpoint}?${login.toString()}`;
}

/** `url` carries the secret key and session token, so errors name only `endpoint`'s host. */
async function requestSigninToken(url: string, endpoint: string, fetchUrl: typeof fetch): Promise<string> {
  const host = hostOf(endpoint);
  let response: Response;
  try {
    response = await fetchUrl(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    // The cause is left out on purpose: a URL parsing error quotes the whole URL, secrets included.
    const code = causeCode(error);
    throw new UserError(
      `Could not reach the AWS sign-in service at ${host}${code ? ` (${code})` : ''}.`,
      'Check the network, or AWS_ENDPOINT_URL_SIGNIN if it is set.',
    );
  }
  if (!response.ok) {
    // The refusal's body says nothing a user can act on; dropping it frees the connection.
    await response.body?.cancel();
    throw refused(response.status, host);
  }
  const token = readSigninToken(await response.text());
  if (token === undefined) throw refused(response.status, host);
  return token;
}

function refused(status: number, host: string): UserError {
  return new UserError(
    `The AWS sign-in service refused the credentials (HTTP ${status} from ${host}).`,
    'Fetch fresh credentials and try again; they may have expired.',
  );
}

function readSigninToken(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'SigninToken' in parsed) {
      const { SigninToken } = parsed;
      if (typeof SigninToken === 'string' && SigninToken !== '') return SigninToken;
    }
  } catch {
    // A body that is not JSON is answered like one without a token.
  }
  return undefined;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** Node's fetch wraps the socket error (ECONNREFUSED, ENOTFOUND…) as the cause of a bare "fetch failed". */
function causeCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
