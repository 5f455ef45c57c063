import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPortalClient } from '../../source/services/awsClients.js';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';

let sim: Simulator;
let clock: number;
let credentials: { sessionId: string; sessionKey: string; sessionToken: string };

const CONSOLE = 'https://eu-west-1.console.aws.amazon.com/ec2/home';

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1);
  sim = await startSimulator({ accounts: 5, seed: 3, now: () => clock, credentialLifetimeSeconds: 3600 });
  const account = sim.organization.accounts[0]!;
  const portal = createPortalClient('us-east-1', { AWS_ENDPOINT_URL_SSO: sim.url });
  const { roleCredentials } = await portal.send(
    new GetRoleCredentialsCommand({
      accessToken: sim.issueTokens().accessToken,
      accountId: account.accountId,
      roleName: account.roles[0]!,
    }),
  );
  portal.destroy();
  credentials = {
    sessionId: roleCredentials!.accessKeyId!,
    sessionKey: roleCredentials!.secretAccessKey!,
    sessionToken: roleCredentials!.sessionToken!,
  };
  sim.resetStats();
});
afterEach(() => sim.close());

function federation(params: Record<string, string>): Promise<Response> {
  return fetch(`${sim.url}/federation?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
}

async function signinToken(): Promise<string> {
  const response = await federation({ Action: 'getSigninToken', Session: JSON.stringify(credentials) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { SigninToken: string };
  return body.SigninToken;
}

async function expectRefused(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

describe('getSigninToken', () => {
  test('credentials GetRoleCredentials issued get a sign-in token, and the call is counted', async () => {
    const token = await signinToken();
    expect(token).toMatch(/^[\w-]{100,}$/);
    expect(sim.stats.operations).toEqual({ GetSigninToken: 1 });
  });

  test('a wrong secret key, a wrong session token or an unknown key id is a plain 400', async () => {
    const forged = [
      { ...credentials, sessionKey: 'x'.repeat(40) },
      { ...credentials, sessionToken: 'forged' },
      { ...credentials, sessionId: 'ASIAAAAAAAAAAAAAAAAA' },
    ];
    for (const session of forged) {
      const body = await expectRefused(
        await federation({ Action: 'getSigninToken', Session: JSON.stringify(session) }),
      );
      expect(body).toBe('The credentials are not valid.');
    }
    expect(sim.stats.operations).toEqual({ GetSigninToken: 3 });
  });

  test('expired credentials are refused', async () => {
    clock += 3600 * 1000;
    await expectRefused(await federation({ Action: 'getSigninToken', Session: JSON.stringify(credentials) }));
  });

  test('a missing or malformed Session is refused', async () => {
    await expectRefused(await federation({ Action: 'getSigninToken' }));
    await expectRefused(await federation({ Action: 'getSigninToken', Session: '{not json' }));
    await expectRefused(
      await federation({
        Action: 'getSigninToken',
        Session: JSON.stringify({ sessionId: credentials.sessionId }),
      }),
    );
  });

  test('SessionDuration is refused for Identity Center role credentials', async () => {
    const body = await expectRefused(
      await federation({
        Action: 'getSigninToken',
        SessionDuration: '3600',
        Session: JSON.stringify(credentials),
      }),
    );
    expect(body).toMatch(/SessionDuration/);
  });
});

describe('login', () => {
  test('a token the simulator issued redirects to the Destination, and the call is counted', async () => {
    const SigninToken = await signinToken();
    const response = await federation({
      Action: 'login',
      Issuer: 'sso-tui',
      Destination: CONSOLE,
      SigninToken,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(CONSOLE);
    expect(sim.stats.operations).toEqual({ GetSigninToken: 1, ConsoleLogin: 1 });
  });

  test('an unknown token is a 400', async () => {
    await expectRefused(await federation({ Action: 'login', Destination: CONSOLE, SigninToken: 'made-up' }));
    await expectRefused(await federation({ Action: 'login', Destination: CONSOLE }));
  });

  test('a token is good for 15 minutes', async () => {
    const SigninToken = await signinToken();
    clock += 15 * 60 * 1000;
    await expectRefused(await federation({ Action: 'login', Destination: CONSOLE, SigninToken }));
  });

  test('a Destination that is not a web URL is refused', async () => {
    const SigninToken = await signinToken();
    await expectRefused(
      await federation({ Action: 'login', Destination: 'javascript:alert(1)', SigninToken }),
    );
    await expectRefused(await federation({ Action: 'login', SigninToken }));
  });
});

test('any other Action is a 400, counted apart', async () => {
  await expectRefused(await federation({ Action: 'logout' }));
  expect(sim.stats.operations).toEqual({ UnknownFederationAction: 1 });
});
