import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatorContext } from './context.js';
import { SESSION_INVALID } from './faults.js';
import type { TokenPair } from './identityStore.js';
import { HOSTILE_PAYLOADS } from './organization.js';
import { randomAccessKeyId, randomSecretAccessKey, randomSessionToken } from './randomValues.js';
import { jsonReply, portalError, RejectedRequest, type Reply } from './wire.js';

export type PortalOperation = 'ListAccounts' | 'ListAccountRoles' | 'GetRoleCredentials' | 'Logout';

/** The portal API as the SSO client calls it: method and path pick the operation. */
export function portalOperation(method: string, path: string): PortalOperation | undefined {
  if (method === 'GET' && path === '/assignment/accounts') return 'ListAccounts';
  if (method === 'GET' && path === '/assignment/roles') return 'ListAccountRoles';
  if (method === 'GET' && path === '/federation/credentials') return 'GetRoleCredentials';
  if (method === 'POST' && path === '/logout') return 'Logout';
  return undefined;
}

/** Serves one portal call whose faults have already been decided. */
export function servePortal(
  context: SimulatorContext,
  operation: PortalOperation,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): Reply {
  const pair = bearer(context, headers);
  if (!pair) return portalError(401, 'UnauthorizedException', SESSION_INVALID);
  switch (operation) {
    case 'ListAccounts':
      return listAccounts(context, query);
    case 'ListAccountRoles':
      return listAccountRoles(context, query);
    case 'GetRoleCredentials':
      return getRoleCredentials(context, query);
    case 'Logout':
      context.store.revoke(pair);
      return { status: 200, headers: {}, body: '' };
  }
}

function bearer(context: SimulatorContext, headers: IncomingHttpHeaders): TokenPair | undefined {
  const token = headers['x-amz-sso_bearer_token'];
  return typeof token === 'string' && token !== '' ? context.store.findLiveAccessToken(token) : undefined;
}

function listAccounts(context: SimulatorContext, query: URLSearchParams): Reply {
  const accounts = context.organization.accounts;
  const { start, end, nextToken } = page(query, 'accounts', accounts.length);
  return jsonReply(200, {
    ...(nextToken ? { nextToken } : {}),
    accountList: accounts.slice(start, end).map(({ accountId, accountName, emailAddress }) => ({
      accountId,
      accountName,
      emailAddress,
    })),
  });
}

function listAccountRoles(context: SimulatorContext, query: URLSearchParams): Reply {
  const accountId = requiredParam(query, 'account_id');
  const account = context.accountsById.get(accountId);
  if (!account) return portalError(404, 'ResourceNotFoundException', 'The specified account was not found.');
  if (context.faults.failingRoleListings.includes(accountId)) {
    return portalError(500, 'InternalServerException', 'An internal error occurred');
  }
  const { start, end, nextToken } = page(query, `roles:${accountId}`, account.roles.length);
  return jsonReply(200, {
    ...(nextToken ? { nextToken } : {}),
    roleList: account.roles.slice(start, end).map((roleName) => ({ roleName, accountId })),
  });
}

/** The real service answers an unassigned role or account with an (unmodelled) 403 ForbiddenException "No access". */
function getRoleCredentials(context: SimulatorContext, query: URLSearchParams): Reply {
  const roleName = requiredParam(query, 'role_name');
  const accountId = requiredParam(query, 'account_id');
  const account = context.accountsById.get(accountId);
  if (!account?.roles.includes(roleName)) return portalError(403, 'ForbiddenException', 'No access');
  if (context.faults.hostileRefusals) {
    return portalError(400, 'InvalidRequestException', `Refused${Object.values(HOSTILE_PAYLOADS).join('')}`);
  }
  const issued = {
    accountId,
    roleName,
    accessKeyId: randomAccessKeyId(),
    secretAccessKey: randomSecretAccessKey(),
    sessionToken:
      randomSessionToken() + (context.faults.hostileCredentials ? HOSTILE_PAYLOADS.clipboard : ''),
    expiration: context.now() + context.credentialLifetimeSeconds * 1000,
  };
  context.issuedCredentials.push(issued);
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = issued;
  const roleCredentials: Record<string, unknown> = { accessKeyId, secretAccessKey, sessionToken, expiration };
  const left = context.faults.credentialsWithout;
  if (left === 'roleCredentials') return jsonReply(200, {});
  if (left !== '') delete roleCredentials[left];
  return jsonReply(200, { roleCredentials });
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/**
 * A page of a list of `total` items. The next token is opaque to clients but names the list it belongs to,
 * so a token from one account's roles is refused for another's.
 */
function page(
  query: URLSearchParams,
  list: string,
  total: number,
): { start: number; end: number; nextToken?: string } {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, pageSize(query.get('max_result'))));
  const token = query.get('next_token');
  const start = token ? decodeNextToken(token, list) : 0;
  const end = Math.min(total, start + size);
  return end < total ? { start, end, nextToken: encodeNextToken(list, end) } : { start, end };
}

function pageSize(value: string | null): number {
  if (value === null || value === '') return DEFAULT_PAGE_SIZE;
  if (!/^-?\d+$/.test(value)) throw invalidRequest('max_result must be an integer.');
  return Number(value);
}

function encodeNextToken(list: string, offset: number): string {
  return Buffer.from(JSON.stringify({ list, offset })).toString('base64url');
}

function decodeNextToken(token: string, list: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'list' in parsed && 'offset' in parsed) {
      const { list: tokenList, offset } = parsed;
      if (tokenList === list && Number.isSafeInteger(offset) && (offset as number) >= 0)
        return offset as number;
    }
  } catch {
    // Falls through to the same answer as a well-formed token for another list.
  }
  throw invalidRequest('The next token is invalid.');
}

function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw invalidRequest(`${name} is required.`);
  return value;
}

function invalidRequest(message: string): RejectedRequest {
  return new RejectedRequest(portalError(400, 'InvalidRequestException', message));
}
