import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPortalClient } from '../../source/services/awsClients.js';
import {
  consoleHome,
  createConsoleUrl,
  federationEndpoint,
  type ConsoleCredentials,
} from '../../source/services/consoleSignIn.js';
import { UserError } from '../../source/services/errors.js';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';

let sim: Simulator;
let credentials: ConsoleCredentials;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 3, seed: 11 });
  env = { AWS_ENDPOINT_URL_SSO: sim.url, AWS_ENDPOINT_URL_SIGNIN: `${sim.url}/federation` };
  const account = sim.organization.accounts[1]!;
  const portal = createPortalClient('us-east-1', env);
  const { roleCredentials } = await portal.send(
    new GetRoleCredentialsCommand({
      accessToken: sim.issueTokens().accessToken,
      accountId: account.accountId,
      roleName: account.roles[0]!,
    }),
  );
  portal.destroy();
  credentials = {
    accessKeyId: roleCredentials!.accessKeyId!,
    secretAccessKey: roleCredentials!.secretAccessKey!,
    sessionToken: roleCredentials!.sessionToken!,
  };
});
afterAll(() => sim.close());

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

function expectNoSecrets(error: UserError, secrets: ConsoleCredentials): void {
  const text = `${error.message} ${error.hint ?? ''} ${String(error.cause ?? '')}`;
  for (const secret of [secrets.secretAccessKey, secrets.sessionToken]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

describe('createConsoleUrl against the simulator', () => {
  test('the URL signs in and lands on the region console home', async () => {
    const url = await createConsoleUrl({ credentials, region: 'eu-central-1', env });
    const login = new URL(url);
    expect(`${login.origin}${login.pathname}`).toBe(`${sim.url}/federation`);
    expect(login.searchParams.get('Action')).toBe('login');
    expect(login.searchParams.get('Issuer')).toBe('sso-tui');
    expect(url).not.toContain(credentials.secretAccessKey);
    expect(url).not.toContain(encodeURIComponent(credentials.secretAccessKey));

    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://eu-central-1.console.aws.amazon.com/');
  });

  test('a destination and issuer of the caller are carried through', async () => {
    const destination = 'https://us-west-2.console.aws.amazon.com/s3/home?region=us-west-2&tab=general';
    const url = await createConsoleUrl({
      credentials,
      region: 'us-west-2',
      env,
      destination,
      issuer: 'https://x',
    });
    expect(new URL(url).searchParams.get('Issuer')).toBe('https://x');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.headers.get('location')).toBe(destination);
  });

  test('forged credentials are refused with a UserError that holds no secret', async () => {
    const forged = { ...credentials, secretAccessKey: 'forgedSecretKeyforgedSecretKeyforgedSecr' };
    const error = await rejection(createConsoleUrl({ credentials: forged, region: 'us-east-1', env }));
    expect(error.message).toMatch(/^The AWS sign-in service refused the credentials/);
    expect(error.message).toContain('HTTP 400');
    expect(error.hint).toBeTruthy();
    expectNoSecrets(error, forged);
    expectNoSecrets(error, credentials);
  });
});

describe('createConsoleUrl with a misbehaving endpoint', () => {
  test('a 200 without a SigninToken is a refusal', async () => {
    const server = createServer((_request, response) => response.end('{"Other":"x"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await rejection(
        createConsoleUrl({
          credentials,
          region: 'us-east-1',
          env: { AWS_ENDPOINT_URL_SIGNIN: `http://127.0.0.1:${port}/federation` },
        }),
      );
      expect(error.message).toMatch(/refused the credentials \(HTTP 200 from 127\.0\.0\.1:\d+\)/);
      expectNoSecrets(error, credentials);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('an endpoint nobody listens on is a UserError naming the host, without secrets', async () => {
    // A port the OS just handed out and took back: connecting to it is refused at once.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const error = await rejection(
      createConsoleUrl({
        credentials,
        region: 'us-east-1',
        env: { AWS_ENDPOINT_URL_SIGNIN: `http://127.0.0.1:${port}/federation` },
      }),
    );
    expect(error.message).toBe(
      `Could not reach the AWS sign-in service at 127.0.0.1:${port} (ECONNREFUSED).`,
    );
    expectNoSecrets(error, credentials);
  });

  test('a fetch that fails quoting the URL does not leak it', async () => {
    const failing: typeof fetch = (input) =>
      Promise.reject(new TypeError(`Failed to parse URL from ${String(input)}`));
    const error = await rejection(
      createConsoleUrl({ credentials, region: 'eu-west-1', env: {}, fetch: failing }),
    );
    expect(error.message).toBe('Could not reach the AWS sign-in service at eu-west-1.signin.aws.amazon.com.');
    expect(error.cause).toBeUndefined();
    expectNoSecrets(error, credentials);
  });
});

describe('endpoints per partition', () => {
  test.each([
    ['us-east-1', 'https://signin.aws.amazon.com/federation', 'https://us-east-1.console.aws.amazon.com/'],
    [
      'eu-west-1',
      'https://eu-west-1.signin.aws.amazon.com/federation',
      'https://eu-west-1.console.aws.amazon.com/',
    ],
    [
      'ap-southeast-2',
      'https://ap-southeast-2.signin.aws.amazon.com/federation',
      'https://ap-southeast-2.console.aws.amazon.com/',
    ],
    ['cn-north-1', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/'],
    ['cn-northwest-1', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/'],
    [
      'us-gov-west-1',
      'https://signin.amazonaws-us-gov.com/federation',
      'https://console.amazonaws-us-gov.com/',
    ],
    [
      'us-gov-east-1',
      'https://signin.amazonaws-us-gov.com/federation',
      'https://console.amazonaws-us-gov.com/',
    ],
  ])('%s signs in at %s and lands on %s', (region, endpoint, home) => {
    expect(federationEndpoint(region, {})).toBe(endpoint);
    expect(consoleHome(region)).toBe(home);
  });

  test('AWS_ENDPOINT_URL_SIGNIN wins over the region, without a trailing slash', () => {
    const env = { AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9/federation/' };
    expect(federationEndpoint('cn-north-1', env)).toBe('http://127.0.0.1:9/federation');
    expect(federationEndpoint('eu-west-1', { AWS_ENDPOINT_URL_SIGNIN: '' })).toBe(
      'https://eu-west-1.signin.aws.amazon.com/federation',
    );
  });

  test('the sign-in token request goes to the regional endpoint with the session and no SessionDuration', async () => {
    const seen: URL[] = [];
    const recording: typeof fetch = (input) => {
      seen.push(new URL(String(input)));
      return Promise.resolve(Response.json({ SigninToken: 'token-1' }));
    };
    const url = await createConsoleUrl({ credentials, region: 'eu-west-1', env: {}, fetch: recording });
    const request = seen[0]!;
    expect(`${request.origin}${request.pathname}`).toBe('https://eu-west-1.signin.aws.amazon.com/federation');
    expect([...request.searchParams.keys()].sort()).toEqual(['Action', 'Session']);
    expect(request.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(request.searchParams.get('Session')!)).toEqual({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    });
    expect(url).toBe(
      'https://eu-west-1.signin.aws.amazon.com/federation?Action=login&Issuer=sso-tui' +
        '&Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2F&SigninToken=token-1',
    );
  });
});
