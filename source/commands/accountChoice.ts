import { quoted, UserError } from '../services/errors.js';
import type { Account } from '../services/portal.js';
import { createTextSearch } from '../services/search/termMatcher.js';

const ACCOUNT_ID = /^\d{12}$/;
const SHOWN_CANDIDATES = 10;
const SHOWN_CLOSEST = 5;

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
      `The account name ${quoted(wanted)} is ambiguous: ${listAccounts(byName)}.`,
      'Pass the account id instead.',
    );
  }
  // The full screen's search, typos and abbreviations included, so a name is found here as it is there.
  const closest = createTextSearch(accounts.map((account) => account.accountName))(wanted)
    .slice(0, SHOWN_CLOSEST)
    .map((hit) => accounts[hit.index]!);
  throw new UserError(
    `No account ${quoted(wanted)} is assigned to you.`,
    closest.length > 0
      ? `Did you mean ${listAccounts(closest, ' or ')}?`
      : 'Run `sso-tui list` to see your accounts.',
  );
}

/** `--role`: a role name as Identity Center spells it, or the one role whose name matches but for case. */
export function chooseRole(roles: readonly string[], wanted: string, account: Account): string {
  if (roles.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  const byCase = roles.filter((role) => role.toLowerCase() === lower);
  if (byCase.length === 1) return byCase[0] as string;
  throw new UserError(
    `You have no role ${quoted(wanted)} in ${describeAccount(account)}.`,
    roles.length > 0 ? `Roles there: ${roles.join(', ')}.` : 'You have no roles there.',
  );
}

/** `payments-prod (123456789012)`, or the id alone when the name is not known (the account was given by id). */
export function describeAccount(account: Account): string {
  return account.accountName && account.accountName !== account.accountId
    ? `${account.accountName} (${account.accountId})`
    : `account ${account.accountId}`;
}

function listAccounts(accounts: readonly Account[], separator = ', '): string {
  const shown = accounts.slice(0, SHOWN_CANDIDATES).map(describeAccount).join(separator);
  const more = accounts.length - SHOWN_CANDIDATES;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
