import type { SimulatorContext } from './context.js';
import { GRANT_AUTHORIZATION_CODE, type AuthorizationRequest } from './identityStore.js';
import { isLoopbackHost } from './oidcRoutes.js';
import { escapeHtml, htmlReply, redirectReply, type Reply } from './wire.js';

/** What the browser opens: GET /authorize?response_type=code&client_id=…&redirect_uri=…&state=…&… */
export function authorize(context: SimulatorContext, query: URLSearchParams): Reply {
  const client = context.store.findClient(query.get('client_id') ?? '');
  if (!client || client.expiresAt <= context.now()) {
    return htmlReply(400, 'Sign-in failed', '<p>The application that sent you here is not registered.</p>');
  }
  if (context.startUrls && !context.startUrls.includes(client.issuerUrl ?? '')) {
    return htmlReply(404, 'Sign-in failed', '<p>No Identity Center instance serves this start URL here.</p>');
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  // Without a registered redirect URI there is nowhere safe to send an error, so it is shown here (RFC 6749 4.1.2.1).
  if (!client.redirectUris.some((registered) => redirectMatches(registered, redirectUri))) {
    return htmlReply(
      400,
      'Sign-in failed',
      '<p>The redirect URI is not registered for this application.</p>',
    );
  }
  const state = query.get('state') ?? '';
  const refuse = (error: string, description: string): Reply =>
    redirectReply(withParams(redirectUri, { error, error_description: description, state }));
  if (!client.grantTypes.includes(GRANT_AUTHORIZATION_CODE)) {
    return refuse('unauthorized_client', 'The client may not use the authorization code grant.');
  }
  if (query.get('response_type') !== 'code') return refuse('invalid_request', 'response_type must be code.');
  if (state === '') return refuse('invalid_request', 'state is required.');
  if (query.get('code_challenge_method') !== 'S256') {
    return refuse('invalid_request', 'code_challenge_method must be S256.');
  }
  const codeChallenge = query.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return refuse('invalid_request', 'code_challenge must be 43 base64url characters.');
  }
  const requestedScopes = parseScopes(query.get('scopes'));
  const scopes = requestedScopes ?? client.scopes;
  if (!scopes.every((scope) => client.scopes.includes(scope))) {
    return refuse('invalid_request', 'scopes must be among those the client registered.');
  }
  if (context.faults.denyAuthorization) return refuse('access_denied', 'The user denied the request.');
  const request: AuthorizationRequest = {
    clientId: client.clientId,
    redirectUri,
    state,
    codeChallenge,
    scopes,
  };
  return context.autoApprove ? approve(context, request) : consentPage(context.store.holdForConsent(request));
}

/** POST /authorize/consent from the consent page shown when autoApprove is off. */
export function decideConsent(context: SimulatorContext, form: URLSearchParams): Reply {
  const request = context.store.takeConsent(form.get('request') ?? '');
  if (!request) return htmlReply(400, 'Sign-in failed', '<p>This sign-in request is no longer waiting.</p>');
  if (form.get('decision') !== 'allow' || context.faults.denyAuthorization) {
    return redirectReply(
      withParams(request.redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied the request.',
        state: request.state,
      }),
    );
  }
  return approve(context, request);
}

/** GET /device?user_code=…: the verification page of the device flow approves the code it is given. */
export function verifyDevice(context: SimulatorContext, query: URLSearchParams): Reply {
  const userCode = query.get('user_code');
  if (userCode === null) {
    return htmlReply(
      200,
      'Authorize request',
      '<form method="get" action="/device"><label>Code <input name="user_code" autofocus></label> <button>Submit</button></form>',
    );
  }
  const device = context.store.findDeviceByUserCode(userCode);
  if (!device)
    return htmlReply(400, 'Invalid code', '<p>That code is not valid. Check it and try again.</p>');
  if (device.expiresAt <= context.now()) {
    return htmlReply(400, 'Code expired', '<p>That code has expired. Start the sign-in again.</p>');
  }
  if (device.status === 'pending') device.status = context.faults.denyAuthorization ? 'denied' : 'approved';
  if (device.status === 'denied') return htmlReply(200, 'Access denied', '<p>The request was denied.</p>');
  return htmlReply(
    200,
    'Request approved',
    `<p>Code ${escapeHtml(device.userCode)} approved. You can close this window and return to the terminal.</p>`,
  );
}

/**
 * The loopback rule of RFC 8252 7.3, which Identity Center follows: a registered `http://127.0.0.1/path`
 * matches that path on any port, since the CLI learns its port only when it listens. Anything else matches
 * exactly.
 */
export function redirectMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  if (!URL.canParse(registered) || !URL.canParse(requested)) return false;
  const want = new URL(registered);
  const got = new URL(requested);
  return (
    want.protocol === 'http:' &&
    isLoopbackHost(want.hostname) &&
    want.port === '' &&
    got.protocol === 'http:' &&
    got.hostname === want.hostname &&
    got.pathname === want.pathname &&
    got.search === want.search
  );
}

function approve(context: SimulatorContext, request: AuthorizationRequest): Reply {
  const code = context.store.issueAuthorizationCode(request);
  return redirectReply(withParams(request.redirectUri, { code, state: request.state }));
}

function consentPage(requestId: string): Reply {
  const button = (decision: string, label: string): string =>
    `<button name="decision" value="${decision}">${label}</button>`;
  return htmlReply(
    200,
    'Allow access?',
    `<form method="post" action="/authorize/consent"><input type="hidden" name="request" value="${escapeHtml(requestId)}">${button('allow', 'Allow access')} ${button('deny', 'Deny')}</form>`,
  );
}

/** Clients join scopes with commas or (plain OAuth) spaces; both are accepted. */
function parseScopes(value: string | null): string[] | undefined {
  if (value === null || value.trim() === '') return undefined;
  return value.split(/[\s,]+/).filter((scope) => scope !== '');
}

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) if (value !== '') url.searchParams.set(name, value);
  return url.toString();
}
