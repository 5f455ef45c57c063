import type { Account } from '../services/portal.js';
import { terminalJson, terminalText } from '../services/terminalText.js';
import type { CommandContext } from './context.js';
import { requireToken } from './signIn.js';

/** `sso-tui list [--roles] [--json]`: the accounts, or every account × role pair, on stdout. */
export async function list(context: CommandContext): Promise<void> {
  const portal = context.portal(await requireToken(context));
  const accounts = await portal.listAccounts();
  const { stdout } = context.io;
  if (!context.options.roles) {
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
  const roles = await portal.listRolesForAccounts(accounts.map((account) => account.accountId));
  const pairs = accounts.flatMap((account: Account) =>
    (roles.get(account.accountId) ?? []).map((roleName) => ({ ...account, roleName })),
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

/** Columns padded to their widest cell; every cell sanitized first, so widths count what is drawn. */
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
