import type { Account } from '../services/portal.js';
import type { TextEdit } from './textEdit.js';
import { area } from './areas.js';
import type { UserPicks } from './appServices.js';
import { enter } from './enterScreen.js';
import { loadAccounts } from './listingEvents.js';
import { editQuery, moveCursor, windowTop, type ListMove } from './listNavigation.js';
import { pinnedFirst } from './picksOrder.js';
import { EMPTY_LIST, type FlowData, type FlowState, type ListState } from './state.js';
import { queue, withData, withScreen } from './stateUpdates.js';

/** Keys on the account, role and session lists: filtering, moving, marking favorites, refreshing and choosing. */
export type ListEvent =
  /** Edits the query of the screen's list. */
  | { readonly type: 'listQueryEdited'; readonly edit: TextEdit }
  /** Moves the cursor of the screen's list, which shows `rowCount` rows `height` at a time. */
  | {
      readonly type: 'listMoved';
      readonly move: ListMove;
      readonly rowCount: number;
      readonly height: number;
    }
  | {
      readonly type: 'favoriteToggled';
      readonly accountId: string;
      /** For keeping the cursor on the account when marking a favorite reorders the list. */
      readonly height: number;
    }
  | { readonly type: 'refreshRequested' }
  | { readonly type: 'accountChosen'; readonly account: Account }
  | { readonly type: 'roleChosen'; readonly account: Account; readonly roleName: string }
  /** The picks as written, `at` the moment they were. */
  | { readonly type: 'picksChanged'; readonly picks: UserPicks; readonly at: Date };

export function listEvent(state: FlowState, event: ListEvent): FlowState {
  const { screen, data } = state;
  switch (event.type) {
    case 'listQueryEdited':
      return updateList(state, (list) => editQuery(list, event.edit));
    case 'listMoved':
      return updateList(state, (list) => moveCursor(list, event.move, event.rowCount, event.height));
    case 'favoriteToggled': {
      const favorite = !data.picks.favorites.includes(event.accountId);
      const favorites = favorite
        ? [...data.picks.favorites, event.accountId]
        : data.picks.favorites.filter((id) => id !== event.accountId);
      const picks = { ...data.picks, favorites };
      return queue(withData(state, { picks, accountsList: followAccount(data, picks, event) }), {
        type: 'setFavorite',
        accountId: event.accountId,
        favorite,
      });
    }
    case 'refreshRequested':
      if (data.accountsLoad.status === 'loading') return state;
      return loadAccounts(withData(state, { note: undefined, change: undefined }), false);
    case 'picksChanged':
      return withData(state, { picks: event.picks, picksRankedAt: event.at });

    case 'accountChosen': {
      const roles = queue(withScreen(state, { kind: 'roles', account: event.account, list: EMPTY_LIST }), {
        type: 'recordPick',
        accountId: event.account.accountId,
      });
      if (data.roles.has(event.account.accountId)) return roles;
      return queue(roles, {
        type: 'loadRoles',
        accountIds: [event.account.accountId],
        accountCount: data.accounts.length,
      });
    }
    case 'roleChosen': {
      const from = screen.kind === 'roles' ? 'roles' : 'accounts';
      const picked = queue(state, {
        type: 'recordPick',
        accountId: event.account.accountId,
        roleName: event.roleName,
      });
      return enter(picked, {
        kind: 'credentials',
        account: event.account,
        roleName: event.roleName,
        from,
        request: 0,
        showSecret: false,
      });
    }
  }
}

/**
 * With an empty query, marking a favorite moves the account among the pinned rows (or out of them): the cursor goes
 * with it. A search's order does not depend on favorites, so there the cursor stays.
 */
function followAccount(
  data: FlowData,
  picks: UserPicks,
  event: { readonly accountId: string; readonly height: number },
): ListState {
  const list = data.accountsList;
  if (list.query.trim() !== '') return list;
  const cursor = pinnedFirst(data.accounts, picks, data.picksRankedAt).findIndex(
    (row) => row.kind === 'account' && row.account.accountId === event.accountId,
  );
  if (cursor < 0) return list;
  return { ...list, cursor, top: windowTop(list.top, cursor, event.height) };
}

/** The list of the screen on show: the accounts' outlives the screen, the others' are the screen's own. */
function updateList(state: FlowState, update: (list: ListState) => ListState): FlowState {
  const { screen } = state;
  if (screen.kind === 'accounts') return withData(state, { accountsList: update(state.data.accountsList) });
  if (screen.kind === 'roles' || screen.kind === 'sessionPicker') {
    return withScreen(state, { ...screen, list: update(screen.list) });
  }
  return state;
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const LIST_EVENTS = area<ListEvent>(listEvent, {
  listQueryEdited: true,
  listMoved: true,
  favoriteToggled: true,
  refreshRequested: true,
  accountChosen: true,
  roleChosen: true,
  picksChanged: true,
});
