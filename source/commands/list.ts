import { dirname } from 'node:path';
import { listCacheFile, readFreshListCache } from '../services/listCache.js';
import type { Account } from '../services/portal.js';
import { terminalJson, terminalText } from '../services/terminalText.js';
import { listAllRoles } from './accountLists.js';
import type { CommandContext } from './context.js';
import { requireToken } from './signIn.js';

/**
 * `sso-tui list [--roles] [--json] [--refresh]`: the accounts, or every account × role pair, on stdout.
 * Cached lists younger than an hour (SPEC §5) are used as they are, unless `--refresh`; a role listing
 * shows its progress on stderr and is cached for the next command and the full screen (listAllRoles).
 */
export async function list(context: CommandContext): Promise<void> {
  const { stdout } = context.io;
  if (!context.options.roles) {
    const accounts = await listAccounts(context);
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
  const listed = await listAllRoles(context, context.options.refresh, { onlyOnTerminal: true });
  // A listing cut short would print a table that silently lacks accounts.
  const [failure] = listed.failures;
  if (failure) throw failure.error;
  const pairs = listed.accounts.flatMap((account: Account) =>
    (listed.roles.get(account.accountId) ?? []).map((roleName) => ({ ...account, roleName })),
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

/** The accounts: the fresh cached list unless `--refresh`, else from the portal. */
async function listAccounts(context: CommandContext): Promise<readonly Account[]> {
  const file = listCacheFile(dirname(context.stateStore.path), context.session);
  const cached = context.options.refresh ? undefined : await readFreshListCache(file, context.io.clock());
  if (cached) return cached.accounts;
  return context.portal(await requireToken(context)).listAccounts();
}

/** Columns padded to their widest cell; every cell sanitized first, so widths count what is drawn. */
export function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
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
