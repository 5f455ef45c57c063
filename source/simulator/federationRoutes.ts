import type { IssuedRoleCredentials, SimulatorContext } from './context.js';
import { randomToken, sameSecret } from './randomValues.js';
import { redirectReply, type Reply } from './wire.js';

/** `ConsoleLogin` is the name CloudTrail gives a console sign-in. */
export type FederationOperation = 'GetSigninToken' | 'ConsoleLogin' | 'UnknownFederationAction';

/** The console federation endpoint (`signin.aws.amazon.com/federation`): one path, the `Action` picks the call. */
export function federationOperation(
  method: string,
  path: string,
  query: URLSearchParams,
): FederationOperation | undefined {
  if (method !== 'GET' || path !== '/federation') return undefined;
  const action = query.get('Action');
  if (action === 'getSigninToken') return 'GetSigninToken';
  if (action === 'login') return 'ConsoleLogin';
  return 'UnknownFederationAction';
}

const FEDERATION_OPERATIONS: Record<
  FederationOperation,
  (context: SimulatorContext, query: URLSearchParams) => Reply
> = {
  GetSigninToken: getSigninToken,
  ConsoleLogin: consoleLogin,
  UnknownFederationAction: () => badRequest('Unsupported Action.'),
};

export function serveFederation(
  context: SimulatorContext,
  operation: FederationOperation,
  query: URLSearchParams,
): Reply {
  return FEDERATION_OPERATIONS[operation](context, query);
}

/** The real endpoint's sign-in tokens last 15 minutes. */
const SIGNIN_TOKEN_MS = 15 * 60 * 1000;

/**
 * Sign-in tokens per simulator. Keyed by the context so that every simulator in a process keeps its own and
 * a closed one's tokens go with it.
 */
const signinTokens = new WeakMap<SimulatorContext, Map<string, number>>();

function getSigninToken(context: SimulatorContext, query: URLSearchParams): Reply {
  // The IAM User Guide allows SessionDuration only for roles assumed with an IAM user's long-term
  // credentials; Identity Center's role credentials are not, so the real endpoint refuses it.
  if (query.has('SessionDuration'))
    return badRequest('SessionDuration is not allowed for these credentials.');
  const session = parseSession(query.get('Session'));
  if (!session)
    return badRequest('Session must be a JSON object with sessionId, sessionKey and sessionToken.');
  const issued = findIssued(context, session);
  if (!issued || issued.expiration <= context.now()) return badRequest('The credentials are not valid.');
  const token = randomToken('', 192);
  tokensOf(context).set(token, context.now() + SIGNIN_TOKEN_MS);
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({ SigninToken: token }),
  };
}

function consoleLogin(context: SimulatorContext, query: URLSearchParams): Reply {
  const token = query.get('SigninToken') ?? '';
  const expiresAt = tokensOf(context).get(token);
  if (expiresAt === undefined || expiresAt <= context.now())
    return badRequest('The sign-in token is not valid.');
  const destination = query.get('Destination') ?? '';
  if (!isWebUrl(destination)) return badRequest('Destination must be an http or https URL.');
  return redirectReply(destination);
}

interface Session {
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly sessionToken: string;
}

function parseSession(text: string | null): Session | undefined {
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { sessionId, sessionKey, sessionToken } = parsed as Record<string, unknown>;
  return typeof sessionId === 'string' && typeof sessionKey === 'string' && typeof sessionToken === 'string'
    ? { sessionId, sessionKey, sessionToken }
    : undefined;
}

function findIssued(context: SimulatorContext, session: Session): IssuedRoleCredentials | undefined {
  const issued = context.issuedCredentials.find(
    (credentials) => credentials.accessKeyId === session.sessionId,
  );
  return issued &&
    sameSecret(issued.secretAccessKey, session.sessionKey) &&
    sameSecret(issued.sessionToken, session.sessionToken)
    ? issued
    : undefined;
}

function tokensOf(context: SimulatorContext): Map<string, number> {
  let tokens = signinTokens.get(context);
  if (!tokens) {
    tokens = new Map();
    signinTokens.set(context, tokens);
  }
  return tokens;
}

function isWebUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** The real endpoint answers a refused request with a bare 400 and a short text, not an AWS error shape. */
function badRequest(message: string): Reply {
  return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}
