import type { SimulatorContext } from './context.js';
import {
  GRANT_AUTHORIZATION_CODE,
  GRANT_DEVICE_CODE,
  GRANT_REFRESH_TOKEN,
  KNOWN_GRANTS,
  type RegisteredClient,
  type TokenPair,
} from './identityStore.js';
import { s256, sameSecret } from './randomValues.js';
import {
  jsonReply,
  oidcError,
  optionalString,
  optionalStringList,
  RejectedRequest,
  requiredString,
  type Reply,
} from './wire.js';

const invalidMetadata = (message: string): Reply =>
  oidcError(400, 'InvalidClientMetadataException', 'invalid_client_metadata', message);
const invalidRedirectUri = (message: string): Reply =>
  oidcError(400, 'InvalidRedirectUriException', 'invalid_redirect_uri', message);

/** RegisterClient: POST /client/register. */
export function registerClient(context: SimulatorContext, body: Record<string, unknown>): Reply {
  requiredString(body, 'clientName');
  if (requiredString(body, 'clientType') !== 'public') {
    return invalidMetadata('clientType must be public.');
  }
  const scopes = optionalStringList(body, 'scopes') ?? [];
  // A registration without grant types is the legacy device-code client, which gets refresh tokens only
  // when it asked for scopes, as the real service does.
  const grantTypes =
    optionalStringList(body, 'grantTypes') ??
    (scopes.length > 0 ? [GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN] : [GRANT_DEVICE_CODE]);
  const unknownGrant = grantTypes.find((grant) => !KNOWN_GRANTS.includes(grant));
  if (unknownGrant !== undefined) {
    return invalidMetadata('Unsupported grant type.');
  }
  const redirectUris = optionalStringList(body, 'redirectUris') ?? [];
  if (grantTypes.includes(GRANT_AUTHORIZATION_CODE) && redirectUris.length === 0) {
    return invalidRedirectUri('redirectUris are required.');
  }
  if (!redirectUris.every(isAcceptableRedirectUri)) {
    return invalidRedirectUri('Redirect URIs must be https, or http on a loopback address.');
  }
  const issuerUrl = optionalString(body, 'issuerUrl');
  const client = context.store.registerClient({
    scopes,
    grantTypes,
    redirectUris,
    ...(issuerUrl === undefined ? {} : { issuerUrl }),
  });
  return jsonReply(200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(client.issuedAt / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
  });
}

/** StartDeviceAuthorization: POST /device_authorization. */
export function startDeviceAuthorization(context: SimulatorContext, body: Record<string, unknown>): Reply {
  const client = authenticate(context, body);
  requiredString(body, 'startUrl');
  if (!client.grantTypes.includes(GRANT_DEVICE_CODE)) return unauthorizedClient();
  const device = context.store.startDeviceAuthorization(client);
  const verificationUri = context.faults.verificationUri || `${context.url}/device`;
  return jsonReply(200, {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${device.userCode}`,
    expiresIn: Math.round((device.expiresAt - context.now()) / 1000),
    interval: context.deviceCodeIntervalSeconds,
  });
}

/** CreateToken: POST /token, for the three grants a CLI uses. */
export function createToken(context: SimulatorContext, body: Record<string, unknown>): Reply {
  const client = authenticate(context, body);
  const grantType = requiredString(body, 'grantType');
  if (!KNOWN_GRANTS.includes(grantType)) {
    return oidcError(
      400,
      'UnsupportedGrantTypeException',
      'unsupported_grant_type',
      'Unsupported grant type.',
    );
  }
  if (!client.grantTypes.includes(grantType)) return unauthorizedClient();
  if (grantType === GRANT_AUTHORIZATION_CODE) return exchangeAuthorizationCode(context, client, body);
  if (grantType === GRANT_REFRESH_TOKEN) return exchangeRefreshToken(context, client, body);
  return pollDeviceCode(context, client, body);
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

function exchangeAuthorizationCode(
  context: SimulatorContext,
  client: RegisteredClient,
  body: Record<string, unknown>,
): Reply {
  const code = requiredString(body, 'code');
  const redirectUri = requiredString(body, 'redirectUri');
  const verifier = requiredString(body, 'codeVerifier');
  if (!VERIFIER.test(verifier)) {
    return oidcError(400, 'InvalidRequestException', 'invalid_request', 'codeVerifier is malformed.');
  }
  const issued = context.store.takeAuthorizationCode(code);
  if (!issued || issued.clientId !== client.clientId)
    return invalidGrant('Invalid or expired authorization code.');
  if (issued.redirectUri !== redirectUri)
    return invalidGrant('redirectUri does not match the authorization request.');
  if (!sameSecret(s256(verifier), issued.codeChallenge)) return invalidGrant('Code verifier does not match.');
  return tokenReply(context, context.store.issueTokens(client, issued.scopes));
}

function exchangeRefreshToken(
  context: SimulatorContext,
  client: RegisteredClient,
  body: Record<string, unknown>,
): Reply {
  const pair = context.store.refresh(client, requiredString(body, 'refreshToken'));
  return pair ? tokenReply(context, pair) : invalidGrant('Invalid refresh token.');
}

/**
 * A poll that comes sooner than the interval is answered slow_down (RFC 8628); the tolerance absorbs the
 * difference between a client's timer and this clock, so a client that waits the interval is never punished.
 */
const POLL_TOLERANCE_MS = 100;

function pollDeviceCode(
  context: SimulatorContext,
  client: RegisteredClient,
  body: Record<string, unknown>,
): Reply {
  const device = context.store.findDevice(requiredString(body, 'deviceCode'));
  if (!device || device.clientId !== client.clientId || device.status === 'redeemed') {
    return invalidGrant('Invalid device code.');
  }
  const now = context.now();
  if (now >= device.expiresAt) {
    return oidcError(400, 'ExpiredTokenException', 'expired_token', 'The device code has expired.');
  }
  const previousPoll = device.lastPolledAt;
  device.lastPolledAt = now;
  const tooSoon =
    previousPoll !== undefined &&
    now - previousPoll < context.deviceCodeIntervalSeconds * 1000 - POLL_TOLERANCE_MS;
  if (context.faults.slowDownPolls > 0 || tooSoon) {
    context.faults.slowDownPolls = Math.max(0, context.faults.slowDownPolls - 1);
    return oidcError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly.');
  }
  if (device.status === 'denied') {
    return oidcError(
      400,
      'AccessDeniedException',
      'access_denied',
      'The user denied the authorization request.',
    );
  }
  if (device.status === 'pending') {
    return oidcError(
      400,
      'AuthorizationPendingException',
      'authorization_pending',
      'Authorization is pending.',
    );
  }
  device.status = 'redeemed';
  return tokenReply(context, context.store.issueTokens(client, device.scopes));
}

function tokenReply(context: SimulatorContext, pair: TokenPair): Reply {
  return jsonReply(200, {
    accessToken: pair.accessToken,
    tokenType: 'Bearer',
    expiresIn: Math.round((pair.expiresAt - context.now()) / 1000),
    ...(pair.refreshToken ? { refreshToken: pair.refreshToken } : {}),
  });
}

function authenticate(context: SimulatorContext, body: Record<string, unknown>): RegisteredClient {
  const client = context.store.authenticateClient(
    requiredString(body, 'clientId'),
    optionalString(body, 'clientSecret') ?? '',
  );
  if (!client) {
    throw new RejectedRequest(
      oidcError(
        401,
        'InvalidClientException',
        'invalid_client',
        'Unknown client, wrong secret or expired registration.',
      ),
    );
  }
  return client;
}

function invalidGrant(description: string): Reply {
  return oidcError(400, 'InvalidGrantException', 'invalid_grant', description);
}

function unauthorizedClient(): Reply {
  return oidcError(
    400,
    'UnauthorizedClientException',
    'unauthorized_client',
    'The client may not use this grant.',
  );
}

/** As the service does: https anywhere, plain http only back to this machine. */
function isAcceptableRedirectUri(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const { protocol, hostname } = new URL(uri);
  return protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname));
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
