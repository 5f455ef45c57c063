import type { Account } from '../services/portal.js';
import type { AccountOrRole } from '../services/search/accountSearch.js';
import type { RecentPick, UserPicks } from './appServices.js';

/** A pick loses half its weight every week: frequent and recent picks come first. */
const HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The rows of an empty query: favorites (in list order), then recent picks by frequency and recency (a role
 * picked recently is its own row, so Enter goes straight to its credentials), then every other account.
 */
export function pinnedFirst(accounts: readonly Account[], picks: UserPicks, now: Date): AccountOrRole[] {
  const rows = pinnedRows(accounts, picks, now);
  const shown = new Set(rows.flatMap((row) => (row.kind === 'account' ? [row.account.accountId] : [])));
  for (const account of accounts) if (!shown.has(account.accountId)) rows.push({ kind: 'account', account });
  return rows;
}

/** The favorites and recent picks that head an empty query, without the accounts that follow them. */
export function pinnedRows(accounts: readonly Account[], picks: UserPicks, now: Date): AccountOrRole[] {
  if (picks.favorites.length === 0 && picks.recents.length === 0) return [];
  const favorites = new Set(picks.favorites);
  const picked = new Set([...favorites, ...picks.recents.map((pick) => pick.accountId)]);
  // Only the few picked accounts are indexed: this runs on every redraw of an empty query.
  const byId = new Map(
    accounts
      .filter((account) => picked.has(account.accountId))
      .map((account) => [account.accountId, account]),
  );
  const rows: AccountOrRole[] = accounts
    .filter((account) => favorites.has(account.accountId))
    .map((account) => ({ kind: 'account', account }));
  const shown = new Set(rows.map((row) => row.account.accountId));
  for (const pick of rankRecents(picks.recents, now)) {
    const account = byId.get(pick.accountId);
    if (!account) continue;
    if (pick.roleName !== undefined) {
      rows.push({ kind: 'role', account, roleName: pick.roleName });
    } else if (!shown.has(account.accountId)) {
      rows.push({ kind: 'account', account });
      shown.add(account.accountId);
    }
  }
  return rows;
}

/** Account ids with favorites and recent picks first: the order to fetch role lists in. */
export function pinnedAccountIds(accounts: readonly Account[], picks: UserPicks, now: Date): string[] {
  return [...new Set(pinnedFirst(accounts, picks, now).map((row) => row.account.accountId))];
}

function rankRecents(recents: readonly RecentPick[], now: Date): RecentPick[] {
  const weight = (pick: RecentPick): number =>
    pick.count * 0.5 ** (Math.max(0, now.getTime() - Date.parse(pick.lastPickedAt)) / HALF_LIFE_MS);
  return [...recents].sort((a, b) => weight(b) - weight(a));
}
