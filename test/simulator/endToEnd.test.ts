import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  paginateListAccounts,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createOidcClient, createPortalClient } from '../../source/services/awsClients.js';
import { startSimulator, type Simulator } from '../../source/simulator/index.js';
import { authorizedCode } from './oauthClient.js';

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ accounts: 120, seed: 2 });
});
afterEach(() => sim.close());

test('sign in with PKCE, list accounts and roles, fetch credentials: what arrives is what was issued', async () => {
  const env = { AWS_ENDPOINT_URL_SSO_OIDC: sim.url, AWS_ENDPOINT_URL_SSO: sim.url };
  const oidc = createOidcClient('us-east-1', env);
  const portal = createPortalClient('us-east-1', env);

  const flow = await authorizedCode(oidc, sim.url);
  const { accessToken } = await oidc.send(
    new CreateTokenCommand({
      clientId: flow.clientId,
      clientSecret: flow.clientSecret,
      grantType: 'authorization_code',
      code: flow.code,
      redirectUri: flow.redirectUri,
      codeVerifier: flow.verifier,
    }),
  );

  const accountIds: string[] = [];
  for await (const page of paginateListAccounts({ client: portal }, { accessToken })) {
    accountIds.push(...(page.accountList ?? []).map((account) => account.accountId!));
  }
  expect(accountIds).toHaveLength(120);

  const accountId = accountIds[99]!;
  const { roleList } = await portal.send(new ListAccountRolesCommand({ accessToken, accountId }));
  const roleName = roleList![0]!.roleName!;
  const { roleCredentials } = await portal.send(
    new GetRoleCredentialsCommand({ accessToken, accountId, roleName }),
  );

  expect(sim.issuedCredentials()).toEqual([{ accountId, roleName, ...roleCredentials }]);
  expect(sim.stats.operations).toEqual({
    RegisterClient: 1,
    Authorize: 1,
    CreateToken: 1,
    ListAccounts: 6,
    ListAccountRoles: 1,
    GetRoleCredentials: 1,
  });
  expect(sim.stats.portalCalls.every((call) => call.status === 200)).toBe(true);
});
