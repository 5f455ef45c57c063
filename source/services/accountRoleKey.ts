/**
 * The key of one account × role pair, wherever pairs are kept apart: the profile names remembered per pair,
 * populate's plan, and the rows the full screen populates.
 */
export function accountRoleKey(accountId: string, roleName: string): string {
  return `${accountId}/${roleName}`;
}
