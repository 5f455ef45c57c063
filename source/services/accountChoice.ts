import { UserError } from './errors.js';
import type { Account } from './portal.js';

const ACCOUNT_ID = /^\d{12}$/;
const SHOWN_CANDIDATES = 10;

export function isAccountId(text: string): boolean {
  return ACCOUNT_ID.test(text);
}

/** `--account`: an account id, or an account name matched exactly but for case. */
export function chooseAccount(accounts: readonly Account[], wanted: string): Account {
  const byId = accounts.find((account) => account.accountId === wanted);
  if (byId) return byId;
  const lower = wanted.toLowerCase();
  const byName = accounts.filter((account) => account.accountName.toLowerCase() === lower);
  const [only, ...others] = byName;
  if (only && others.length === 0) return only;
  if (only) {
    throw new UserError(
      `The account name '${wanted}' is ambiguous: ${listAccounts(byName)}.`,
      'Pass the account id instead.',
    );
  }
  const near = accounts.filter((account) => account.accountName.toLowerCase().includes(lower));
  throw new UserError(
    `No account '${wanted}' is assigned to you.`,
    near.length > 0 ? `Did you mean ${listAccounts(near)}?` : 'Run `sso-tui list` to see your accounts.',
  );
}

/** `--role`: a role name as Identity Center spells it, or the one role whose name matches but for case. */
export function chooseRole(roles: readonly string[], wanted: string, account: Account): string {
  if (roles.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  const byCase = roles.filter((role) => role.toLowerCase() === lower);
  if (byCase.length === 1) return byCase[0] as string;
  throw new UserError(
    `You have no role '${wanted}' in ${account.accountName} (${account.accountId}).`,
    roles.length > 0 ? `Roles there: ${roles.join(', ')}.` : 'You have no roles there.',
  );
}

function listAccounts(accounts: readonly Account[]): string {
  const shown = accounts
    .slice(0, SHOWN_CANDIDATES)
    .map((account) => `${account.accountName} (${account.accountId})`)
    .join(', ');
  const more = accounts.length - SHOWN_CANDIDATES;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
