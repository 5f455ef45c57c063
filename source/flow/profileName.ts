import type { Account } from '../services/portal.js';
import type { UserPicks } from './appServices.js';

/** The key under which the last profile name used for an account and role is remembered. */
export function profileKey(accountId: string, roleName: string): string {
  return `${accountId}/${roleName}`;
}

/** `--profile`, else the name last used for this account and role, else one made from both. */
export function proposeProfileName(
  account: Account,
  roleName: string,
  picks: UserPicks,
  profileOption?: string,
): string {
  return (
    profileOption ??
    picks.profileNames[profileKey(account.accountId, roleName)] ??
    `${account.accountName}-${roleName}`.replace(/[^A-Za-z0-9_.-]+/g, '-')
  );
}

/** Why a profile name cannot be used, or undefined; the AWS files would misread such a section name. */
export function profileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Type a profile name.';
  if (/[\s[\]#;]/.test(name)) return 'A profile name cannot hold spaces, brackets, # or ;.';
  return undefined;
}
