import { SessionExpiredError } from './errors.js';
import type { Portal } from './portal.js';

export interface RoleListingFailure {
  readonly accountId: string;
  readonly error: unknown;
}

export interface RoleListing {
  /** The role names of every account whose listing succeeded. */
  readonly roles: Map<string, readonly string[]>;
  /** Accounts whose roles could not be listed, after the portal's own retries. */
  readonly failures: readonly RoleListingFailure[];
}

const CONCURRENCY = 8;

/**
 * Role lists for every account, under the portal's shared rate budget. Unlike `listRolesForAccounts`, one
 * account that keeps failing does not end the listing: it is reported, so a caller can tell a complete
 * listing from one cut short. A dead sign-in (401) ends it at once: every later call would fail the same way.
 */
export async function listRolesOfAccounts(
  portal: Portal,
  accountIds: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<RoleListing> {
  const roles = new Map<string, readonly string[]>();
  const failures: RoleListingFailure[] = [];
  let next = 0;
  let done = 0;
  let expired: SessionExpiredError | undefined;
  const worker = async (): Promise<void> => {
    while (next < accountIds.length && !expired) {
      const accountId = accountIds[next++] as string;
      try {
        roles.set(accountId, await portal.listAccountRoles(accountId));
      } catch (error) {
        if (error instanceof SessionExpiredError) {
          expired = error;
          return;
        }
        failures.push({ accountId, error });
      }
      done += 1;
      onProgress?.(done, accountIds.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accountIds.length) }, worker));
  if (expired) throw expired;
  return { roles, failures };
}
