import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccounts,
  type SSOClient,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPortalClient } from '../../source/services/awsClients.js';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';
import { failure, oidcClient, portalClient } from './oauthClient.js';

let sim: Simulator;
let clock: number;
let portal: SSOClient;
let accessToken: string;

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1);
  sim = await startSimulator({ accounts: 250, seed: 7, now: () => clock });
  portal = portalClient(sim.url);
  accessToken = sim.issueTokens().accessToken;
});
afterEach(() => sim.close());

describe('ListAccounts', () => {
  test('paging over 250 accounts gathers every account exactly once, in order', async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    for await (const page of paginateListAccounts({ client: portal, pageSize: 40 }, { accessToken })) {
      pageSizes.push(page.accountList?.length ?? 0);
      for (const account of page.accountList ?? []) seen.push(account.accountId!);
    }
    expect(seen).toEqual(sim.organization.accounts.map((account) => account.accountId));
    expect(pageSizes).toEqual([40, 40, 40, 40, 40, 40, 10]);
  });

  test('a page carries id, name and email; 20 by default, at most 100; no next token at the end', async () => {
    const first = await portal.send(new ListAccountsCommand({ accessToken }));
    expect(first.accountList).toHaveLength(20);
    const expected = sim.organization.accounts[0]!;
    expect(first.accountList?.[0]).toEqual({
      accountId: expected.accountId,
      accountName: expected.accountName,
      emailAddress: expected.emailAddress,
    });
    expect(first.nextToken).toBeTruthy();
    const clamped = await portal.send(new ListAccountsCommand({ accessToken, maxResults: 1000 }));
    expect(clamped.accountList).toHaveLength(100);
    const lastPage = await portal.send(
      new ListAccountsCommand({ accessToken, maxResults: 100, nextToken: clamped.nextToken }),
    );
    const end = await portal.send(
      new ListAccountsCommand({ accessToken, maxResults: 100, nextToken: lastPage.nextToken }),
    );
    expect(end.accountList).toHaveLength(50);
    expect(end.nextToken).toBeUndefined();
  });

  test('max_result below 1 is raised to 1; a forged next token is InvalidRequestException', async () => {
    const one = await portal.send(new ListAccountsCommand({ accessToken, maxResults: 0 }));
    expect(one.accountList).toHaveLength(1);
    const error = await failure(portal.send(new ListAccountsCommand({ accessToken, nextToken: 'forged' })));
    expect(error.name).toBe('InvalidRequestException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  test('works through createPortalClient and AWS_ENDPOINT_URL_SSO', async () => {
    const client = createPortalClient('eu-west-1', { AWS_ENDPOINT_URL_SSO: `${sim.url}/` });
    const page = await client.send(new ListAccountsCommand({ accessToken, maxResults: 5 }));
    expect(page.accountList).toHaveLength(5);
  });
});

describe('ListAccountRoles', () => {
  test('lists the account roles, paged, each naming its account', async () => {
    const account = sim.organization.accounts.find((candidate) => candidate.roles.length >= 3)!;
    const first = await portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: account.accountId, maxResults: 2 }),
    );
    expect(first.roleList).toHaveLength(2);
    expect(first.nextToken).toBeTruthy();
    const rest = await portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: account.accountId, nextToken: first.nextToken }),
    );
    const names = [...first.roleList!, ...rest.roleList!].map((role) => role.roleName);
    expect(names).toEqual(account.roles);
    expect(rest.nextToken).toBeUndefined();
    expect(new Set([...first.roleList!, ...rest.roleList!].map((role) => role.accountId))).toEqual(
      new Set([account.accountId]),
    );
  });

  test('an unknown account is a 404 ResourceNotFoundException', async () => {
    const error = await failure(
      portal.send(new ListAccountRolesCommand({ accessToken, accountId: '000000000000' })),
    );
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });

  test("a next token from one account's roles is refused for another's", async () => {
    const [a, b] = sim.organization.accounts.filter((candidate) => candidate.roles.length >= 2);
    const first = await portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: a!.accountId, maxResults: 1 }),
    );
    const error = await failure(
      portal.send(
        new ListAccountRolesCommand({ accessToken, accountId: b!.accountId, nextToken: first.nextToken }),
      ),
    );
    expect(error.name).toBe('InvalidRequestException');
  });
});

describe('GetRoleCredentials', () => {
  test('returns temporary credentials the simulator remembers issuing', async () => {
    const account = sim.organization.accounts[10]!;
    const roleName = account.roles[0]!;
    const { roleCredentials } = await portal.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName }),
    );
    expect(roleCredentials?.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(roleCredentials?.secretAccessKey).toHaveLength(40);
    expect(roleCredentials?.sessionToken?.length).toBeGreaterThan(300);
    expect(roleCredentials?.expiration).toBe(clock + 3600 * 1000);
    expect(sim.issuedCredentials()).toEqual([{ accountId: account.accountId, roleName, ...roleCredentials }]);
  });

  test('a role the account does not have, or an unknown account, is 403 ForbiddenException', async () => {
    const account = sim.organization.accounts[0]!;
    const missing = await failure(
      portal.send(
        new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName: 'NoSuchRole' }),
      ),
    );
    expect(missing.name).toBe('ForbiddenException');
    expect(missing.message).toBe('No access');
    expect(missing.$metadata?.httpStatusCode).toBe(403);
    const unknown = await failure(
      portal.send(
        new GetRoleCredentialsCommand({ accessToken, accountId: '000000000000', roleName: 'ReadOnlyAccess' }),
      ),
    );
    expect(unknown.name).toBe('ForbiddenException');
    expect(sim.issuedCredentials()).toEqual([]);
  });
});

describe('the bearer token', () => {
  const listAccounts = (token: string) => portal.send(new ListAccountsCommand({ accessToken: token }));

  test('an unknown token is a 401 UnauthorizedException', async () => {
    const error = await failure(listAccounts('not-a-token'));
    expect(error.name).toBe('UnauthorizedException');
    expect(error.message).toBe('Session token not found or invalid');
    expect(error.$metadata?.httpStatusCode).toBe(401);
  });

  test('an expired token is a 401', async () => {
    const short = sim.issueTokens({ lifetimeSeconds: 60 });
    await listAccounts(short.accessToken);
    clock += 60 * 1000;
    expect((await failure(listAccounts(short.accessToken))).name).toBe('UnauthorizedException');
  });

  test('Logout revokes the access token and its refresh token', async () => {
    const issued = sim.issueTokens();
    await portal.send(new LogoutCommand({ accessToken: issued.accessToken }));
    expect((await failure(listAccounts(issued.accessToken))).name).toBe('UnauthorizedException');
    const refresh = await failure(
      oidcClient(sim.url).send(
        new CreateTokenCommand({
          clientId: issued.clientId,
          clientSecret: issued.clientSecret,
          grantType: 'refresh_token',
          refreshToken: issued.refreshToken,
        }),
      ),
    );
    expect(refresh.name).toBe('InvalidGrantException');
    expect((await listAccounts(accessToken)).accountList).toHaveLength(20);
  });

  test('revokeAllTokens kills every access token; refresh tokens survive only when asked', async () => {
    const issued = sim.issueTokens();
    sim.revokeAllTokens({ refreshTokens: false });
    expect((await failure(listAccounts(accessToken))).name).toBe('UnauthorizedException');
    const oidc = oidcClient(sim.url);
    const refresh = (refreshToken: string) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: issued.clientId,
          clientSecret: issued.clientSecret,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
    const fresh = await refresh(issued.refreshToken);
    expect((await listAccounts(fresh.accessToken!)).accountList).toHaveLength(20);

    sim.revokeAllTokens();
    expect((await failure(listAccounts(fresh.accessToken!))).name).toBe('UnauthorizedException');
    expect((await failure(refresh(fresh.refreshToken!))).name).toBe('InvalidGrantException');
  });
});
