import { Text } from 'ink';
import { useCallback, useEffect, useMemo } from 'react';
import { pinnedRows } from '../../flow/picksOrder.js';
import { createAccountSearch, type SearchHit } from '../../services/search/accountSearch.js';
import { terminalText } from '../../services/terminalText.js';
import { FilterList } from '../components/FilterList.js';
import { FRAME_LINES, ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { useRanking } from '../hooks/useRanking.js';
import { AccountRow } from './AccountRow.js';
import type { ScreenProps } from './screenProps.js';

/** Long enough for the list's frame to be out, short enough to be done before most first keys. */
const PREPARE_AFTER_MS = 50;

const isEmpty = (query: string): boolean => !query.trim();

/** Lines the list itself uses besides its rows: the query and the count. */
const LIST_CHROME = 2;

/**
 * The accounts, filtered as the user types; once role lists are known, account × role rows too. With an
 * empty query, favorites and recent picks come first.
 */
export function AccountsScreen({ data, dispatch, clock, size }: ScreenProps<'accounts'>) {
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
    (text: string): readonly SearchHit[] =>
      isEmpty(text) ? search.listed(pinnedRows(accounts, picks, clock())) : search.search(text),
    [search, accounts, picks, clock],
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

  return (
    <ScreenFrame
      title={`Accounts${data.session ? ` · ${data.session.name ?? data.session.startUrl}` : ''}`}
      hints={[
        { keys: '↑↓', action: 'move' },
        { keys: 'Enter', action: 'open' },
        { keys: '^F', action: 'favorite' },
        ...(loading ? [] : [{ keys: '^R', action: 'refresh' }]),
        {
          keys: 'Esc',
          action: accountsList.query ? 'clear' : data.sessions.length > 1 ? 'sessions' : 'quit',
        },
      ]}
    >
      <FilterList
        rows={hits}
        total={accounts.length}
        matched={isEmpty(query) ? accounts.length : hits.length}
        list={accountsList}
        height={listHeight}
        placeholder="type to search accounts and roles"
        onEdit={(edit) => dispatch({ type: 'listQueryEdited', edit })}
        onMove={(move, rowCount, height) => dispatch({ type: 'listMoved', move, rowCount, height })}
        onLeave={() => dispatch({ type: 'back' })}
        rowsNow={() => (query === accountsList.query ? hits : rowsFor(accountsList.query))}
        onChoose={(hit) =>
          dispatch(
            hit.row.kind === 'role'
              ? { type: 'roleChosen', account: hit.row.account, roleName: hit.row.roleName }
              : { type: 'accountChosen', account: hit.row.account },
          )
        }
        onKey={(input, key, selected) => {
          if (key.ctrl && input === 'f' && selected) {
            dispatch({
              type: 'favoriteToggled',
              accountId: selected.row.account.accountId,
              now: clock(),
              height: listHeight,
            });
            return true;
          }
          // The rows the query leaves on screen, all of them (not only the visible window): what populate
          // does for the whole session, for a chosen set.
          if (key.ctrl && input === 'o') {
            const rows = query === accountsList.query ? hits : rowsFor(accountsList.query);
            dispatch({
              type: 'populateRequested',
              rows: rows.map((hit) =>
                hit.row.kind === 'role'
                  ? { account: hit.row.account, roleName: hit.row.roleName }
                  : { account: hit.row.account },
              ),
            });
            return true;
          }
          if (key.ctrl && input === 'r') {
            dispatch({ type: 'refreshRequested' });
            return true;
          }
          return false;
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
        status={<LoadStatus data={data} />}
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
function LoadStatus({ data }: { readonly data: ScreenProps<'accounts'>['data'] }) {
  if (data.accountsLoad.status === 'loading') {
    if (data.accounts.length === 0) return <Spinner label="listing accounts" />;
    return <BackgroundWork label={data.incoming ? 'refreshing' : 'listing accounts'} />;
  }
  if (data.rolesLoad.status === 'loading') {
    return <BackgroundWork label={`roles ${data.roles.size.toLocaleString('en-US')}`} />;
  }
  return null;
}

function BackgroundWork({ label }: { readonly label: string }) {
  return (
    <Text>
      <Text color="cyan">↻</Text> {label}
    </Text>
  );
}
