import { Text } from 'ink';
import { useCallback, useEffect, useMemo } from 'react';
import { windowTop } from '../../flow/listNavigation.js';
import { pinnedRows } from '../../flow/picksOrder.js';
import { describeProgress } from '../../services/progress.js';
import { createAccountSearch, type RowList, type SearchHit } from '../../services/search/accountSearch.js';
import { terminalText } from '../../services/terminalText.js';
import { tint } from '../colors.js';
import { FilterList, listKeys, type ListKeyState } from '../components/FilterList.js';
import { FRAME_LINES, ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { useRanking } from '../hooks/useRanking.js';
import { ctrl, send } from '../keyTable.js';
import { symbols } from '../symbols.js';
import { AccountRow, EMAIL_FROM, hiddenColumns } from './AccountRow.js';
import type { ScreenProps } from './screenProps.js';
import { sessionDisplayName } from '../../services/ssoSession.js';

/** Long enough for the list's frame to be out, short enough to be done before most first keys. */
const PREPARE_AFTER_MS = 50;

const isEmpty = (query: string): boolean => !query.trim();

interface AccountKeyState extends ListKeyState {
  /** A row is under the cursor. */
  readonly onRow: boolean;
  /** The account list is being fetched (a refresh is under way already). */
  readonly listing: boolean;
}

const list = listKeys<AccountKeyState>('open', 'search names, ids, emails and role names');

/** The account list's keys: the footer, the help overlay and the handler below are all made from it. */
export const ACCOUNT_KEYS = {
  ...list.moves,
  favorite: {
    keys: '^F',
    action: 'favorite',
    when: 'on a row',
    active: (state: AccountKeyState) => state.onRow,
    matches: ctrl('f'),
  },
  refresh: {
    keys: '^R',
    action: 'refresh',
    when: 'no listing under way',
    active: (state: AccountKeyState) => !state.listing,
    matches: ctrl('r'),
    sends: send({ type: 'refreshRequested' }),
  },
  populate: {
    keys: '^O',
    action: 'profiles',
    when: 'SSO profiles for the rows listed',
    matches: ctrl('o'),
  },
  ...list.ends,
};

/** Lines the list itself uses besides its rows: the query and the count. */
const LIST_CHROME = 2;

/**
 * The accounts, filtered as the user types; once role lists are known, account × role rows too. With an
 * empty query, favorites and recent picks come first.
 */
export function AccountsScreen({ data, dispatch, size }: ScreenProps<'accounts'>) {
  const { accounts, roles, picks, accountsList } = data;
  const search = useMemo(() => createAccountSearch(accounts, roles), [accounts, roles]);
  // The list on screen stays as it is (listed, or shown from the cache while a refresh collects pages
  // behind it), unlike a first listing, whose every batch of pages is a new list.
  const settled = data.accountsLoad.status !== 'loading' || data.incoming !== undefined;
  useEffect(() => {
    if (!settled) return;
    // After the list is drawn and before the user types: the indexes of 100,000 accounts take a while.
    const timer = setTimeout(() => search.prepare(), PREPARE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [search, settled]);
  const rowsFor = useCallback(
    (text: string): RowList<SearchHit> =>
      isEmpty(text) ? search.listed(pinnedRows(accounts, picks, data.picksRankedAt)) : search.ranked(text),
    [search, accounts, picks, data.picksRankedAt],
  );
  // Typing draws the letter at once; the rows follow a frame later (a search over 100,000 accounts and
  // their roles can take tens of milliseconds, which a keystroke must not wait for).
  const { query, result: hits } = useRanking(rowsFor, accountsList.query, isEmpty);
  const favorites = useMemo(() => new Set(picks.favorites), [picks.favorites]);
  const loading = data.accountsLoad.status === 'loading';
  const notes = [
    data.change && (data.change.added || data.change.removed)
      ? `${data.change.added} accounts added, ${data.change.removed} removed since last time.`
      : undefined,
    data.note,
  ].flatMap((note) => (note ? [terminalText(note)] : []));
  const listHeight = Math.max(1, size.rows - FRAME_LINES - LIST_CHROME - notes.length);
  // While role lists load, the accounts on screen, then those the query matches, are fetched next.
  const rolesLoading = data.rolesLoad.status === 'loading';
  const top = windowTop(
    accountsList.top,
    Math.min(accountsList.cursor, Math.max(0, hits.length - 1)),
    listHeight,
  );
  const searching = !isEmpty(query);
  // Worked out again only when the rows or the window move, not for every batch of role lists.
  const wanted = useMemo(
    () => (rolesLoading ? wantedAccountIds(hits, top, listHeight, searching).join(' ') : ''),
    [rolesLoading, hits, top, listHeight, searching],
  );
  useEffect(() => {
    if (wanted) dispatch({ type: 'rolesWanted', accountIds: wanted.split(' ') });
  }, [wanted, dispatch]);
  const keyState: AccountKeyState = {
    query: accountsList.query,
    leave: data.sessions.length > 1 ? 'sessions' : 'quit',
    onRow: hits.length > 0,
    listing: loading,
  };

  return (
    <ScreenFrame
      title={`Accounts${data.session ? ` · ${sessionDisplayName(data.session) ?? data.session.startUrl}` : ''}`}
      keys={ACCOUNT_KEYS}
      keyState={keyState}
      right={<HiddenColumns width={size.columns} />}
    >
      <FilterList
        rows={hits}
        total={accounts.length}
        matched={isEmpty(query) ? accounts.length : hits.length}
        list={accountsList}
        height={listHeight}
        placeholder="type to search accounts and roles"
        dispatch={dispatch}
        rowsNow={() => (query === accountsList.query ? hits : rowsFor(accountsList.query))}
        onChoose={(hit) =>
          dispatch(
            hit.row.kind === 'role'
              ? { type: 'roleChosen', account: hit.row.account, roleName: hit.row.roleName }
              : { type: 'accountChosen', account: hit.row.account },
          )
        }
        keys={ACCOUNT_KEYS}
        keyState={keyState}
        onKey={(name, selected) => {
          switch (name) {
            case 'favorite':
              if (selected) {
                dispatch({
                  type: 'favoriteToggled',
                  accountId: selected.row.account.accountId,
                  height: listHeight,
                });
              }
              return;
            case 'populate': {
              // The rows the query leaves on screen, all of them (not only the visible window): what
              // populate does for the whole session, for a chosen set.
              const rows = query === accountsList.query ? hits : rowsFor(accountsList.query);
              return dispatch({
                type: 'populateRequested',
                rows: rows
                  .slice()
                  .map((hit) =>
                    hit.row.kind === 'role'
                      ? { account: hit.row.account, roleName: hit.row.roleName }
                      : { account: hit.row.account },
                  ),
              });
            }
          }
        }}
        rowKey={(hit) =>
          hit.row.kind === 'role'
            ? `${hit.row.account.accountId}/${hit.row.roleName}`
            : hit.row.account.accountId
        }
        renderRow={(hit, selected) => (
          <AccountRow
            hit={hit}
            selected={selected}
            favorite={favorites.has(hit.row.account.accountId)}
            width={size.columns}
          />
        )}
        status={<LoadStatus data={data} searching={!isEmpty(query)} />}
      />
      {notes.map((note) => (
        <Text key={note} dimColor wrap="truncate-end">
          {note}
        </Text>
      ))}
    </ScreenFrame>
  );
}

/**
 * An empty list still loading animates; once accounts are on screen, work behind them (the pages still
 * coming, a refresh, the role lists, which take minutes in a big organization) is a still mark: the rows
 * and the count moving show the progress, and a spinner would redraw the whole screen a dozen times a
 * second, slowing the very listing it stands for.
 */
/** Most accounts the query's matches put ahead in the role listing, besides those on screen. */
const WANTED_MATCHES = 500;

/** The accounts of the rows on screen, then of the other rows the query matches, each once. */
function wantedAccountIds(
  hits: RowList<SearchHit>,
  top: number,
  height: number,
  searching: boolean,
): string[] {
  const ids = new Set(hits.slice(top, top + height).map((hit) => hit.row.account.accountId));
  if (searching) {
    for (let row = 0; row < hits.length && ids.size < height + WANTED_MATCHES; row++) {
      ids.add(hits.at(row)!.row.account.accountId);
    }
  }
  return [...ids];
}

function LoadStatus({
  data,
  searching,
}: {
  readonly data: ScreenProps<'accounts'>['data'];
  readonly searching: boolean;
}) {
  if (data.accountsLoad.status === 'loading') {
    if (data.accounts.length === 0) return <Spinner label="listing accounts" />;
    return <BackgroundWork label={data.incoming ? 'refreshing' : 'listing accounts'} />;
  }
  const progress = data.rolesProgress;
  if (data.rolesLoad.status === 'loading' && progress) {
    const label = describeProgress('roles', progress);
    // A search covers account × role rows only for the role lists already in: it says so.
    return (
      <BackgroundWork label={label} note={searching ? 'results partial until roles are in' : undefined} />
    );
  }
  return null;
}

function BackgroundWork({ label, note }: { readonly label: string; readonly note?: string | undefined }) {
  return (
    <Text wrap="truncate-end">
      <Text color={tint('cyan')}>{symbols('↻')}</Text> {symbols(label)}
      {note ? <Text color={tint('yellow')}>{` ${symbols('·')} ${note}`}</Text> : null}
    </Text>
  );
}

/**
 * The columns a narrow terminal leaves out, named in the header: the search still matches them, and a
 * match on a hidden email would otherwise look like no match at all.
 */
function HiddenColumns({ width }: { readonly width: number }) {
  const hidden = hiddenColumns(width);
  if (hidden.length === 0) return null;
  return (
    <Text dimColor wrap="truncate-end">
      {hidden.join(', ')} hidden (shown from {EMAIL_FROM} columns)
    </Text>
  );
}
