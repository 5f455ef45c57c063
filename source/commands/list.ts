import { dirname } from 'node:path';
import {
  listCacheFile,
  readFreshListCache,
  writeListCache,
  type AccountLists,
} from '../services/listCache.js';
import type { Account } from '../services/portal.js';
import { advanced, describeProgress, type Progress } from '../services/progress.js';
import { terminalJson, terminalText } from '../services/terminalText.js';
import type { CommandContext } from './context.js';
import { requireToken } from './signIn.js';

/** Progress on a terminal is redrawn at most this often. */
const PROGRESS_EVERY_MS = 100;

/**
 * `sso-tui list [--roles] [--json] [--refresh]`: the accounts, or every account × role pair, on stdout.
 * Cached lists younger than an hour (SPEC §5) are used as they are, unless `--refresh`; fetched lists are
 * cached for the next command and the full screen.
 */
export async function list(context: CommandContext): Promise<void> {
  const lists = await accountLists(context);
  const { stdout } = context.io;
  if (!context.options.roles) {
    const { accounts } = lists;
    stdout.write(
      context.options.json
        ? terminalJson(accounts, 2) + '\n'
        : table(
            ['ACCOUNT ID', 'NAME', 'EMAIL'],
            accounts.map((account) => [account.accountId, account.accountName, account.emailAddress]),
          ),
    );
    return;
  }
  const pairs = lists.accounts.flatMap((account: Account) =>
    (lists.roles.get(account.accountId) ?? []).map((roleName) => ({ ...account, roleName })),
  );
  stdout.write(
    context.options.json
      ? terminalJson(pairs, 2) + '\n'
      : table(
          ['ACCOUNT ID', 'NAME', 'ROLE', 'EMAIL'],
          pairs.map((pair) => [pair.accountId, pair.accountName, pair.roleName, pair.emailAddress]),
        ),
  );
}

/** The lists the command needs: the fresh cache when it has them all, else from the portal (then cached). */
async function accountLists(context: CommandContext): Promise<AccountLists> {
  const { io, options } = context;
  const file = listCacheFile(dirname(context.settings.path), context.session);
  const cached = options.refresh ? undefined : await readFreshListCache(file, io.clock());
  const complete = (lists: AccountLists): boolean =>
    !options.roles || lists.accounts.every((account) => lists.roles.has(account.accountId));
  if (cached && complete(cached)) {
    context.debug(`using the lists cached in ${file}`);
    return cached;
  }
  const portal = context.portal(await requireToken(context));
  const accounts = await portal.listAccounts();
  let roles: ReadonlyMap<string, readonly string[]> = cached?.roles ?? new Map();
  if (options.roles) {
    const report = progressReport(context, accounts.length);
    try {
      roles = await portal.listRolesForAccounts(
        accounts.map((account) => account.accountId),
        { onRoles: () => report.one() },
      );
    } finally {
      report.end();
    }
  }
  const fetched = { accounts, roles };
  // The cache only makes the next command faster; failing to write it must not fail this one.
  await writeListCache(file, fetched).catch((error: unknown) =>
    context.debug(`could not cache the lists: ${String(error)}`),
  );
  return fetched;
}

/** `roles 169 / 2,500 · 2m 05s left` on stderr, redrawn in place, when stderr is a terminal; else nothing. */
function progressReport(context: CommandContext, total: number): { one(): void; end(): void } {
  const { stderr, clock } = context.io;
  if (!stderr.isTTY) return { one: () => undefined, end: () => undefined };
  let progress: Progress = { total, done: 0 };
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    one() {
      const now = clock();
      progress = advanced(progress, 1, now);
      if (now.getTime() - drawnAt < PROGRESS_EVERY_MS && progress.done < total) return;
      drawnAt = now.getTime();
      drawn = true;
      stderr.write(`\r\u001B[K${describeProgress('roles', progress)}`);
    },
    end() {
      if (drawn) stderr.write('\r\u001B[K');
    },
  };
}

function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((row) => row.map(terminalText));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd() + '\n';
  return [header, ...rows].map(line).join('');
}
