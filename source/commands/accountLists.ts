import { dirname } from 'node:path';
import { listCacheFile, readFreshListCache, writeListCache } from '../services/listCache.js';
import type { Account } from '../services/portal.js';
import { listRolesOfAccounts, type RoleListingFailure } from '../services/roleListing.js';
import type { CommandContext } from './context.js';
import { requireToken } from './signIn.js';

export interface ListedRoles {
  readonly accounts: readonly Account[];
  readonly roles: ReadonlyMap<string, readonly string[]>;
  /** Accounts whose roles could not be listed; empty when the listing is complete. */
  readonly failures: readonly RoleListingFailure[];
  readonly fromCache: boolean;
}

/** The session's list cache, in the program's state folder. */
export function sessionListsFile(context: CommandContext): string {
  return listCacheFile(dirname(context.stateStore.path), context.session);
}

/**
 * Every account and its roles: from the cached lists when they are fresh and complete (unless `refresh`),
 * otherwise from the portal at the rate limit, with progress on stderr. A complete listing is cached for
 * the next command and the full screen.
 */
export async function listAllRoles(
  context: CommandContext,
  refresh: boolean,
  /** Progress only on a terminal: `list` output goes to scripts, whose logs want no progress lines. */
  { onlyOnTerminal = false }: { readonly onlyOnTerminal?: boolean } = {},
): Promise<ListedRoles> {
  const file = sessionListsFile(context);
  const cached = refresh ? undefined : await readFreshListCache(file, context.io.clock());
  if (cached) {
    context.debug(`using the cached lists of ${cached.accounts.length} accounts`);
    return { ...cached, failures: [], fromCache: true };
  }
  const portal = context.portal(await requireToken(context));
  const progress = onlyOnTerminal && !context.io.stderr.isTTY ? (): void => undefined : progressLine(context);
  progress('Listing accounts…');
  const accounts = await portal.listAccounts((page) => progress(`Listing accounts… ${page.length}`));
  const { roles, failures } = await listRolesOfAccounts(
    portal,
    accounts.map((account) => account.accountId),
    (done, total) => progress(`Listing roles: ${done} / ${total} accounts`),
  );
  progress(undefined);
  if (failures.length === 0) await writeListCache(file, { accounts, roles });
  return { accounts, roles, failures, fromCache: false };
}

/**
 * Progress on stderr: one line redrawn in place on a terminal; elsewhere (a log, CI) the first and the
 * last state only, so a listing of thousands of accounts does not fill a log with numbers.
 */
function progressLine(context: CommandContext): (text: string | undefined) => void {
  const { stderr } = context.io;
  let last: string | undefined;
  let startedLine = false;
  return (text) => {
    if (stderr.isTTY) {
      if (text === undefined) {
        if (startedLine) stderr.write('\r\u001b[K');
        return;
      }
      stderr.write(`\r\u001b[K${text}`);
      startedLine = true;
      return;
    }
    if (text === undefined) {
      if (last) stderr.write(`${last}\n`);
      return;
    }
    if (!startedLine) {
      stderr.write(`${text}\n`);
      startedLine = true;
    }
    last = text;
  };
}
