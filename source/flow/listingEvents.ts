import type { AccountLists } from './appServices.js';
import { area } from './areas.js';
import type { Account } from '../services/portal.js';
import { advanced } from '../services/progress.js';
import type { FlowState, Refresh } from './state.js';
import { pinnedAccountIds } from './picksOrder.js';
import { queue, takeId, withData, withScreen } from './stateUpdates.js';

/** The effect runner's answers to the account and role listings. */
export type ListingEvent =
  /** The accounts on screen, then those the query matches: their role lists are wanted first. */
  | { readonly type: 'rolesWanted'; readonly accountIds: readonly string[] }
  | { readonly type: 'cachedListsRead'; readonly generation: number; readonly lists: AccountLists }
  | { readonly type: 'accountsPage'; readonly generation: number; readonly accounts: readonly Account[] }
  /** `at`: when the last page came in, the moment the role listing ranks favorites and recent picks by. */
  | { readonly type: 'accountsLoaded'; readonly generation: number; readonly at: Date }
  | { readonly type: 'accountsFailed'; readonly generation: number; readonly message: string }
  | {
      readonly type: 'rolesLoaded';
      readonly entries: readonly (readonly [string, readonly string[]])[];
      /** The background listing these belong to; unset for one account's roles wanted now. */
      readonly generation?: number;
      /** When the batch came in. */
      readonly at: Date;
    }
  | { readonly type: 'rolesDone'; readonly generation: number }
  | { readonly type: 'rolesFailed'; readonly generation?: number; readonly message: string };

/** A refresh behind the list on screen before its first page. */
const REFRESH_STARTED: Refresh = { same: 0, pages: [], paged: 0 };

export function listingEvent(state: FlowState, event: ListingEvent): FlowState {
  const { data } = state;
  switch (event.type) {
    case 'cachedListsRead':
      if (event.generation !== data.accountsLoad.generation || data.accounts.length > 0) return state;
      return withData(state, {
        accounts: event.lists.accounts,
        roles: event.lists.roles,
        incoming: REFRESH_STARTED,
      });
    case 'accountsPage':
      if (event.generation !== data.accountsLoad.generation) return state;
      return withData(
        state,
        data.incoming
          ? { incoming: withPage(data.incoming, data.accounts, event.accounts) }
          : { accounts: [...data.accounts, ...event.accounts] },
      );
    case 'accountsLoaded':
      return event.generation === data.accountsLoad.generation ? accountsLoaded(state, event.at) : state;
    case 'accountsFailed': {
      if (event.generation !== data.accountsLoad.generation) return state;
      const failed = withData(state, {
        accountsLoad: { ...data.accountsLoad, status: 'failed' },
        incoming: undefined,
      });
      if (data.accounts.length > 0) return withData(failed, { note: event.message });
      return withScreen(failed, { kind: 'error', message: event.message, retry: { kind: 'accounts' } });
    }
    case 'rolesLoaded': {
      // A refresh lists every role again (minutes in a big organization) and nearly every list comes back
      // as it was: a batch that changes nothing keeps the same map, so nothing downstream is rebuilt. It
      // still counts towards the listing's progress.
      const progress = data.rolesProgress;
      const counted =
        progress && event.generation !== undefined && event.generation === data.rolesLoad.generation
          ? { rolesProgress: advanced(progress, event.entries.length, event.at) }
          : undefined;
      const changed = event.entries.filter(
        ([accountId, names]) => !sameNames(data.roles.get(accountId), names),
      );
      if (changed.length === 0) return counted ? withData(state, counted) : state;
      const roles = new Map(data.roles);
      for (const [accountId, names] of changed) roles.set(accountId, names);
      return withData(state, { roles, ...counted });
    }
    case 'rolesWanted':
      if (data.rolesLoad.status !== 'loading') return state;
      return queue(state, { type: 'preferRoles', accountIds: event.accountIds });
    case 'rolesDone':
      if (event.generation !== data.rolesLoad.generation) return state;
      return queue(withData(state, { rolesLoad: { ...data.rolesLoad, status: 'done' } }), {
        type: 'writeCachedLists',
        lists: { accounts: data.accounts, roles: data.roles },
      });
    case 'rolesFailed':
      if (event.generation !== undefined && event.generation !== data.rolesLoad.generation) {
        return state;
      }
      return withData(state, {
        note: event.message,
        ...(event.generation === undefined ? {} : { rolesLoad: { ...data.rolesLoad, status: 'failed' } }),
      });
  }
}

/**
 * The refresh with one more page. While it brings back the accounts on screen at the same places, it only
 * counts them; from the first account that differs on, it keeps the accounts it brought, with those on
 * screen at the same places swapped in where nothing changed (the comparison at its end finds the same
 * objects, and the fresh copies are let go at once).
 */
function withPage(refresh: Refresh, shown: readonly Account[], page: readonly Account[]): Refresh {
  let confirmed = 0;
  if (refresh.paged === 0) {
    while (confirmed < page.length && sameAt(shown, refresh.same + confirmed, page[confirmed]!)) confirmed++;
    if (confirmed === page.length) return { ...refresh, same: refresh.same + confirmed };
  }
  const from = refresh.same + confirmed + refresh.paged;
  const rest = page.slice(confirmed).map((account, offset) => {
    const before = shown[from + offset];
    return before && sameAccount(before, account) ? before : account;
  });
  return {
    same: refresh.same + confirmed,
    pages: [...refresh.pages, rest],
    paged: refresh.paged + rest.length,
  };
}

function sameAt(shown: readonly Account[], position: number, account: Account): boolean {
  const before = shown[position];
  return before !== undefined && sameAccount(before, account);
}

function sameAccount(before: Account, after: Account): boolean {
  return (
    before.accountId === after.accountId &&
    before.accountName === after.accountName &&
    before.emailAddress === after.emailAddress
  );
}

function sameNames(before: readonly string[] | undefined, after: readonly string[]): boolean {
  return (
    before !== undefined && before.length === after.length && before.every((name, at) => name === after[at])
  );
}

/** Starts a listing generation; with accounts already shown it collects a refresh behind them. */
export function loadAccounts(state: FlowState, fromCache: boolean): FlowState {
  const [generation, next] = takeId(state);
  const refreshing = next.data.accounts.length > 0;
  return queue(
    withData(next, {
      accountsLoad: { generation, status: 'loading' },
      incoming: refreshing ? REFRESH_STARTED : undefined,
    }),
    { type: 'loadAccounts', generation, fromCache },
  );
}

export function resumeInterrupted(state: FlowState): FlowState {
  const { rolesLoad } = state.data;
  let next = state;
  if (next.data.accountsLoad.status === 'interrupted') next = loadAccounts(next, false);
  // Ranked at the moment the interrupted listing started, so the flow stays a function of its events.
  else if (rolesLoad.status === 'interrupted' && rolesLoad.rankedAt)
    next = loadRoles(next, rolesLoad.rankedAt);
  return next;
}

function accountsLoaded(state: FlowState, at: Date): FlowState {
  const { data } = state;
  let accounts = data.accounts;
  let change = data.change;
  const { incoming } = data;
  // The same list again keeps the array the search index was built for (seconds at 300,000 accounts).
  if (incoming && incoming.same === data.accounts.length && incoming.paged === 0) {
    change = { added: 0, removed: 0 };
  } else if (incoming) {
    const refreshed = data.accounts.slice(0, incoming.same).concat(...incoming.pages);
    const before = new Set(data.accounts.map((account) => account.accountId));
    const after = new Set(refreshed.map((account) => account.accountId));
    change = {
      added: refreshed.filter((account) => !before.has(account.accountId)).length,
      removed: data.accounts.filter((account) => !after.has(account.accountId)).length,
    };
    accounts = refreshed;
  }
  const loaded = withData(state, {
    accounts,
    incoming: undefined,
    change,
    accountsLoad: { ...data.accountsLoad, status: 'done' },
  });
  // The accounts are cached as soon as they are all in: role lists of a big organization take minutes,
  // and a user who quits before then still gets an instant list next time.
  const cached = queue(loaded, { type: 'writeCachedLists', lists: { accounts, roles: data.roles } });
  return loadRoles(cached, at);
}

/** Every account's roles, favorites and recent picks (ranked as of `rankedAt`) first. */
function loadRoles(state: FlowState, rankedAt: Date): FlowState {
  const [generation, next] = takeId(state);
  const { accounts, picks } = next.data;
  const total = accounts.length;
  return queue(
    withData(next, {
      rolesLoad: { generation, status: 'loading', rankedAt },
      rolesProgress: { total, done: 0 },
    }),
    {
      type: 'loadRoles',
      generation,
      accountIds: pinnedAccountIds(accounts, picks, rankedAt),
      accountCount: total,
    },
  );
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const LISTING_EVENTS = area<ListingEvent>(listingEvent, {
  rolesWanted: true,
  cachedListsRead: true,
  accountsPage: true,
  accountsLoaded: true,
  accountsFailed: true,
  rolesLoaded: true,
  rolesDone: true,
  rolesFailed: true,
});
