import { CreateTokenCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';
import {
  authorizedCode,
  authorizeUrl,
  failure,
  oidcClient,
  openInBrowser,
  pkcePair,
  registerPkceClient,
} from './oauthClient.js';

let sim: Simulator;
let clock: number;

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1);
  sim = await startSimulator({ accounts: 5, now: () => clock });
});
afterEach(() => sim.close());

describe('RegisterClient', () => {
  test('returns an id, a secret and epoch-second dates', async () => {
    const registered = await registerPkceClient(oidcClient(sim.url));
    expect(registered.clientId).toMatch(/\S{10,}/);
    expect(registered.clientSecret).toMatch(/\S{40,}/);
    expect(registered.clientIdIssuedAt).toBe(clock / 1000);
    expect(registered.clientSecretExpiresAt).toBe(clock / 1000 + 90 * 24 * 3600);
  });

  test('refuses a client type other than public', async () => {
    const error = await failure(
      oidcClient(sim.url).send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
    );
    expect(error.name).toBe('InvalidClientMetadataException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  test('refuses a plain-http redirect URI that is not loopback', async () => {
    const error = await failure(
      oidcClient(sim.url).send(
        new RegisterClientCommand({
          clientName: 'x',
          clientType: 'public',
          grantTypes: ['authorization_code'],
          redirectUris: ['http://evil.example.com/callback'],
        }),
      ),
    );
    expect(error.name).toBe('InvalidRedirectUriException');
  });
});

describe('authorization code with PKCE', () => {
  test('the right verifier gets an access and a refresh token', async () => {
    const oidc = oidcClient(sim.url);
    const flow = await authorizedCode(oidc, sim.url);
    expect(flow.location.origin + flow.location.pathname).toBe(flow.redirectUri);
    expect(flow.location.searchParams.get('state')).toBe(flow.state);
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: flow.clientId,
        clientSecret: flow.clientSecret,
        grantType: 'authorization_code',
        code: flow.code,
        redirectUri: flow.redirectUri,
        codeVerifier: flow.verifier,
      }),
    );
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(3600);
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
    expect(sim.stats.operations).toMatchObject({ RegisterClient: 1, Authorize: 1, CreateToken: 1 });
  });

  test('a wrong verifier is invalid_grant, and the code is spent', async () => {
    const oidc = oidcClient(sim.url);
    const flow = await authorizedCode(oidc, sim.url);
    const exchange = (codeVerifier: string) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: flow.clientId,
          clientSecret: flow.clientSecret,
          grantType: 'authorization_code',
          code: flow.code,
          redirectUri: flow.redirectUri,
          codeVerifier,
        }),
      );
    const wrong = await failure(exchange(pkcePair().verifier));
    expect(wrong.name).toBe('InvalidGrantException');
    expect(wrong.$metadata?.httpStatusCode).toBe(400);
    expect((wrong as unknown as { error: string }).error).toBe('invalid_grant');
    expect((await failure(exchange(flow.verifier))).name).toBe('InvalidGrantException');
  });

  test('a code works once', async () => {
    const oidc = oidcClient(sim.url);
    const flow = await authorizedCode(oidc, sim.url);
    const exchange = () =>
      oidc.send(
        new CreateTokenCommand({
          clientId: flow.clientId,
          clientSecret: flow.clientSecret,
          grantType: 'authorization_code',
          code: flow.code,
          redirectUri: flow.redirectUri,
          codeVerifier: flow.verifier,
        }),
      );
    await exchange();
    expect((await failure(exchange())).name).toBe('InvalidGrantException');
  });

  test('a redirect URI other than the one authorized, or an expired code, is invalid_grant', async () => {
    const oidc = oidcClient(sim.url);
    const first = await authorizedCode(oidc, sim.url, 50001);
    const otherPort = await failure(
      oidc.send(
        new CreateTokenCommand({
          clientId: first.clientId,
          clientSecret: first.clientSecret,
          grantType: 'authorization_code',
          code: first.code,
          redirectUri: 'http://127.0.0.1:50002/oauth/callback',
          codeVerifier: first.verifier,
        }),
      ),
    );
    expect(otherPort.name).toBe('InvalidGrantException');

    const second = await authorizedCode(oidc, sim.url);
    clock += 5 * 60 * 1000 + 1;
    const expired = await failure(
      oidc.send(
        new CreateTokenCommand({
          clientId: second.clientId,
          clientSecret: second.clientSecret,
          grantType: 'authorization_code',
          code: second.code,
          redirectUri: second.redirectUri,
          codeVerifier: second.verifier,
        }),
      ),
    );
    expect(expired.name).toBe('InvalidGrantException');
  });

  test('a wrong client secret is a 401 InvalidClientException', async () => {
    const oidc = oidcClient(sim.url);
    const flow = await authorizedCode(oidc, sim.url);
    const error = await failure(
      oidc.send(
        new CreateTokenCommand({
          clientId: flow.clientId,
          clientSecret: 'not-the-secret',
          grantType: 'authorization_code',
          code: flow.code,
          redirectUri: flow.redirectUri,
          codeVerifier: flow.verifier,
        }),
      ),
    );
    expect(error.name).toBe('InvalidClientException');
    expect(error.$metadata?.httpStatusCode).toBe(401);
  });

  test('a client registered for PKCE may not use the device grant', async () => {
    const oidc = oidcClient(sim.url);
    const client = await registerPkceClient(oidc);
    const error = await failure(
      oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId!,
          clientSecret: client.clientSecret!,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: 'whatever',
        }),
      ),
    );
    expect(error.name).toBe('UnauthorizedClientException');
  });
});

describe('refresh', () => {
  test('rotates: the new refresh token works, the old one no longer does', async () => {
    const oidc = oidcClient(sim.url);
    const issued = sim.issueTokens();
    const refresh = (refreshToken: string) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: issued.clientId,
          clientSecret: issued.clientSecret,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
    const first = await refresh(issued.refreshToken);
    expect(first.accessToken).not.toBe(issued.accessToken);
    expect(first.refreshToken).not.toBe(issued.refreshToken);
    expect((await failure(refresh(issued.refreshToken))).name).toBe('InvalidGrantException');
    const second = await refresh(first.refreshToken!);
    expect(second.accessToken).toBeTruthy();
  });

  test('refreshes until the session the sign-in started ends, then refuses; the session does not renew', async () => {
    const oidc = oidcClient(sim.url);
    const issued = sim.issueTokens({ sessionSeconds: 8 * 3600 });
    const refresh = (refreshToken: string) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: issued.clientId,
          clientSecret: issued.clientSecret,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
    clock += 7 * 3600_000;
    const renewed = await refresh(issued.refreshToken);
    expect(renewed.expiresIn).toBe(3600);
    clock += 3600_000;
    expect((await failure(refresh(renewed.refreshToken!))).name).toBe('InvalidGrantException');
  });

  test('an expired registration can no longer refresh', async () => {
    const oidc = oidcClient(sim.url);
    const issued = sim.issueTokens();
    clock = issued.registrationExpiresAt.getTime();
    const error = await failure(
      oidc.send(
        new CreateTokenCommand({
          clientId: issued.clientId,
          clientSecret: issued.clientSecret,
          grantType: 'refresh_token',
          refreshToken: issued.refreshToken,
        }),
      ),
    );
    expect(error.name).toBe('InvalidClientException');
  });
});

describe('GET /authorize', () => {
  async function authorizeWith(overrides: Record<string, string | undefined>) {
    const client = await registerPkceClient(oidcClient(sim.url));
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: client.clientId!,
      redirect_uri: 'http://127.0.0.1:49999/oauth/callback',
      state: 'state-123',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: pkcePair().challenge,
      ...overrides,
    };
    const defined = Object.fromEntries(
      Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    return openInBrowser(authorizeUrl(sim.url, defined));
  }

  test('an unknown client gets an error page, not a redirect', async () => {
    const page = await authorizeWith({ client_id: 'nobody' });
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.text).toContain('not registered');
  });

  test.each([
    ['another host', 'http://localhost:49999/oauth/callback'],
    ['another path', 'http://127.0.0.1:49999/elsewhere'],
    ['https', 'https://127.0.0.1:49999/oauth/callback'],
  ])('a redirect URI on %s gets an error page', async (_label, redirectUri) => {
    const page = await authorizeWith({ redirect_uri: redirectUri });
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
  });

  test.each<[string, Record<string, string | undefined>]>([
    ['response_type', { response_type: 'token' }],
    ['state', { state: undefined }],
    ['code_challenge_method', { code_challenge_method: 'plain' }],
    ['code_challenge', { code_challenge: 'short' }],
    ['scopes', { scopes: 'sso:account:access,codewhisperer:completions' }],
  ])('a bad %s is redirected back as invalid_request', async (_label, overrides) => {
    const page = await authorizeWith(overrides);
    expect(page.status).toBe(302);
    expect(page.location?.searchParams.get('error')).toBe('invalid_request');
    expect(page.location?.searchParams.get('error_description')).toBeTruthy();
    expect(page.location?.searchParams.get('code')).toBeNull();
    expect(page.location?.searchParams.get('state')).toBe('state' in overrides ? null : 'state-123');
  });

  test('faults.denyAuthorization redirects with access_denied and the state', async () => {
    sim.faults.denyAuthorization = true;
    const page = await authorizeWith({});
    expect(page.location?.searchParams.get('error')).toBe('access_denied');
    expect(page.location?.searchParams.get('state')).toBe('state-123');
    expect(page.location?.searchParams.get('code')).toBeNull();
  });

  test('each approval hands out a fresh code', async () => {
    const first = await authorizeWith({});
    const second = await authorizeWith({});
    expect(first.location?.searchParams.get('code')).toBeTruthy();
    expect(first.location?.searchParams.get('code')).not.toBe(second.location?.searchParams.get('code'));
  });
});

describe('consent page (autoApprove off)', () => {
  test('Allow redirects with a code that exchanges; Deny with access_denied', async () => {
    const manual = await startSimulator({ accounts: 1, autoApprove: false });
    try {
      const oidc = oidcClient(manual.url);
      const client = await registerPkceClient(oidc);
      const { verifier, challenge } = pkcePair();
      const redirectUri = 'http://127.0.0.1:40000/oauth/callback';
      const url = authorizeUrl(manual.url, {
        response_type: 'code',
        client_id: client.clientId!,
        redirect_uri: redirectUri,
        state: 's1',
        code_challenge_method: 'S256',
        scopes: 'sso:account:access',
        code_challenge: challenge,
      });
      const decide = async (decision: string) => {
        const page = await openInBrowser(url);
        expect(page.status).toBe(200);
        const requestId = /name="request" value="([^"]+)"/.exec(page.text)?.[1];
        const response = await fetch(`${manual.url}/authorize/consent`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ request: requestId ?? '', decision }),
        });
        return new URL(response.headers.get('location') ?? '');
      };
      expect((await decide('deny')).searchParams.get('error')).toBe('access_denied');
      const allowed = await decide('allow');
      const token = await oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId!,
          clientSecret: client.clientSecret!,
          grantType: 'authorization_code',
          code: allowed.searchParams.get('code')!,
          redirectUri,
          codeVerifier: verifier,
        }),
      );
      expect(token.accessToken).toBeTruthy();
    } finally {
      await manual.close();
    }
  });
});
