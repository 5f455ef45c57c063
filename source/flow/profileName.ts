import { accountRoleKey } from '../services/accountRoleKey.js';
import { profileNameRuleBroken } from '../services/awsFiles/awsConfigFile.js';
import type { Account } from '../services/portal.js';
import {
  DEFAULT_PROFILE_TEMPLATE,
  parseProfileTemplate,
  renderProfileName,
  safeName,
} from '../services/populate/profileNames.js';
import type { UserPicks } from './appServices.js';

const DEFAULT_TEMPLATE = parseProfileTemplate(DEFAULT_PROFILE_TEMPLATE);

/**
 * `--profile`, else the name last used for this account and role, else the name populate gives the pair
 * with its default template (`{account_name}.{role_name}`), so the dialog and populate name a pair alike.
 */
export function proposeProfileName(
  account: Account,
  roleName: string,
  picks: UserPicks,
  profileOption?: string,
): string {
  return (
    profileOption ??
    picks.profileNames[accountRoleKey(account.accountId, roleName)] ??
    (renderProfileName(DEFAULT_TEMPLATE, { ...account, roleName }, '') ||
      safeName(`${account.accountId}.${roleName}`))
  );
}

/**
 * Why a profile name cannot be used, or undefined. The rule is the AWS files' own (the names both SDKs read
 * back), so the dialog never takes a name the write would then refuse.
 */
export function profileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Type a profile name.';
  const problem = profileNameRuleBroken(name.trim());
  return problem === undefined ? undefined : `${problem.message} ${problem.hint ?? ''}`.trim();
}
