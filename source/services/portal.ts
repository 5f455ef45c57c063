import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  type SSOClient,
} from '@aws-sdk/client-sso';
import { isNetworkError, NotGrantedError, ServiceError, SessionExpiredError, UserError } from './errors.js';
import { AccountQueue } from './accountQueue.js';
import type { RateBudget } from './rateBudget.js';
import { hasControlCharacters } from './terminalText.js';
import { createListPool, createStringPool } from './stringPool.js';

export interface Account {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
}

export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface PortalOptions {
  readonly client: SSOClient;
  readonly accessToken: string;
  /** Shared by every call of the session, so concurrent listings stay under the service's limit together. */
  readonly budget: RateBudget;
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Told of every throttled call, for `--debug` and the benchmarks. */
  readonly onThrottled?: () => void;
}

const PAGE_SIZE = 100;
const DEFAULT_ROLE_CONCURRENCY = 8;

/** The Identity Center portal API (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout). */
export class Portal {
  /** Role names repeat across accounts: one string for each (see stringPool). */
  private readonly roleName = createStringPool();
  /** Accounts share a few role lists: one array for each (see stringPool). */
  private readonly roleList = createListPool();

  constructor(private readonly options: PortalOptions) {}

  /** Every account, page after page; `onPage` sees each page as it arrives. */
  async listAccounts(onPage?: (page: readonly Account[]) => void): Promise<Account[]> {
    const accounts: Account[] = [];
    await this.eachAccountPage((page) => {
      accounts.push(...page);
      onPage?.(page);
    });
    return accounts;
  }

  /**
   * Every account, page after page, to `onPage` only: a caller that keeps what it needs of them (the full
   * screen, refreshing 100,000 accounts it already shows) lets the rest go as soon as each page is seen.
   */
  async eachAccountPage(onPage: (page: readonly Account[]) => void): Promise<void> {
    const { client, accessToken } = this.options;
    await this.eachPage(
      (nextToken) => client.send(new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken })),
      (response) =>
        onPage(
          (response.accountList ?? []).map((account) => ({
            accountId: account.accountId ?? '',
            accountName: account.accountName ?? account.accountId ?? '',
            emailAddress: account.emailAddress ?? '',
          })),
        ),
    );
  }

  /** The role names the user may take in one account. */
  async listAccountRoles(accountId: string): Promise<readonly string[]> {
    const roles: string[] = [];
    const { client, accessToken } = this.options;
    await this.eachPage(
      (nextToken) =>
        client.send(
          new ListAccountRolesCommand({ accessToken, accountId, maxResults: PAGE_SIZE, nextToken }),
        ),
      (response) => {
        for (const role of response.roleList ?? [])
          if (role.roleName) roles.push(this.roleName(role.roleName));
      },
    );
    return this.roleList(roles);
  }

  /**
   * Role lists for many accounts, fetched concurrently under the shared budget, in the order given or as a
   * queue hands them out (which the caller may reorder while it runs: the accounts on screen first), each
   * to `onRoles` as it arrives and kept nowhere here: a background listing of 100,000 accounts runs for an
   * hour, and the caller keeps what it needs of them.
   */
  async eachAccountRoles(
    accounts: readonly string[] | AccountQueue,
    onRoles: (accountId: string, roles: readonly string[]) => void,
    { concurrency = DEFAULT_ROLE_CONCURRENCY }: { concurrency?: number } = {},
  ): Promise<void> {
    const queue = accounts instanceof AccountQueue ? accounts : new AccountQueue(accounts);
    const worker = async (): Promise<void> => {
      for (let accountId = queue.take(); accountId !== undefined; accountId = queue.take()) {
        onRoles(accountId, await this.listAccountRoles(accountId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.size) }, worker));
  }

  /** Role lists for many accounts, fetched concurrently under the shared budget, by account in the order given. */
  async listRolesForAccounts(
    accountIds: readonly string[],
    options: { concurrency?: number } = {},
  ): Promise<Map<string, readonly string[]>> {
    const result = new Map<string, readonly string[]>();
    await this.eachAccountRoles(accountIds, (accountId, roles) => result.set(accountId, roles), options);
    return new Map(accountIds.flatMap((id) => (result.has(id) ? [[id, result.get(id)!]] : [])));
  }

  async getRoleCredentials(accountId: string, roleName: string): Promise<RoleCredentials> {
    const response = await this.call(() =>
      this.options.client.send(
        new GetRoleCredentialsCommand({ accessToken: this.options.accessToken, accountId, roleName }),
      ),
    );
    const credentials = response.roleCredentials;
    if (!credentials?.accessKeyId || !credentials.secretAccessKey || !credentials.sessionToken) {
      throw new ServiceError(`Identity Center returned no credentials for ${roleName} in ${accountId}.`);
    }
    // Credentials go into shell lines, JSON and files as they are; real ones are base64 and never hold these.
    if (
      [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken].some(
        hasControlCharacters,
      )
    ) {
      throw new ServiceError(
        `Identity Center returned credentials with control characters for ${roleName} in ${accountId}.`,
      );
    }
    return {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: new Date(credentials.expiration ?? 0),
    };
  }

  /** Revokes the access token on the service side. */
  async logout(): Promise<void> {
    await this.call(() =>
      this.options.client.send(new LogoutCommand({ accessToken: this.options.accessToken })),
    );
  }

  /** Every page of a paged call, each to `onPage` as it comes, until the service names no next page. */
  private async eachPage<R extends { readonly nextToken?: string | undefined }>(
    page: (nextToken: string | undefined) => Promise<R>,
    onPage: (response: R) => void,
  ): Promise<void> {
    let nextToken: string | undefined;
    do {
      const response = await this.call(() => page(nextToken));
      onPage(response);
      nextToken = response.nextToken || undefined;
    } while (nextToken);
  }

  /** One portal call under the budget, retried with backoff and jitter while the service throttles or fails. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    const sleep = this.options.sleep ?? defaultSleep;
    const random = this.options.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      await this.options.budget.take();
      try {
        const response = await send();
        this.options.budget.succeeded();
        return response;
      } catch (error) {
        const kind = classify(error);
        if (kind === 'unauthorized') throw new SessionExpiredError();
        if (kind === 'fatal') throw toUserError(error);
        if (kind === 'throttled') {
          this.options.budget.throttled();
          this.options.onThrottled?.();
        }
        if (attempt >= this.attemptsFor(kind)) throw gaveUp(kind, error);
        // Full jitter: spreads the retries of concurrent calls instead of bunching them.
        await sleep(random() * Math.min(8000, 200 * 2 ** attempt));
      }
    }
  }

  /** Throttling is the service asking us to wait, so it gets patience; a dead network fails fast. */
  private attemptsFor(kind: 'throttled' | 'failing' | 'unreachable'): number {
    const limit = this.options.maxAttempts ?? 10;
    return kind === 'throttled' ? limit : kind === 'failing' ? Math.min(limit, 5) : Math.min(limit, 3);
  }
}

function gaveUp(kind: 'throttled' | 'failing' | 'unreachable', cause: unknown): UserError {
  if (kind === 'unreachable') {
    const detail = (cause as { code?: string }).code ?? 'no answer';
    return new ServiceError(
      `Could not reach Identity Center (${detail}).`,
      'Check the network and the region, then try again.',
      { cause },
    );
  }
  return new ServiceError(
    kind === 'throttled'
      ? 'Identity Center kept throttling requests.'
      : 'Identity Center kept failing to answer.',
    'Wait a minute and try again.',
    { cause },
  );
}

type ErrorKind = 'unauthorized' | 'throttled' | 'failing' | 'unreachable' | 'fatal';

function classify(error: unknown): ErrorKind {
  const name = (error as { name?: unknown }).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (name === 'UnauthorizedException' || status === 401) return 'unauthorized';
  if (name === 'TooManyRequestsException' || status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'failing';
  if (isNetworkError(error)) return 'unreachable';
  return 'fatal';
}

function toUserError(error: unknown): UserError {
  const name = (error as { name?: unknown }).name;
  if (name === 'ResourceNotFoundException' || name === 'ForbiddenException') {
    return new NotGrantedError('Identity Center does not grant you that account or role.', undefined, {
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ServiceError(`Identity Center refused the request: ${detail}`, undefined, { cause: error });
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
