import { Box, Text } from 'ink';
import { Fragment, type ReactNode } from 'react';
import { windowTop, type ListMove } from '../../flow/listNavigation.js';
import type { ListState } from '../../flow/state.js';
import type { RowList } from '../../services/search/rowList.js';
import { terminalText } from '../../services/terminalText.js';
import type { FlowEvent } from '../../flow/events.js';
import { tint } from '../colors.js';
import type { Keypress } from '../keypresses.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import {
  anyOf,
  ctrl,
  helpKeys,
  named,
  textFieldKeys,
  type HelpKeyName,
  type KeyBinding,
  type KeyTable,
  type TextFieldKeyName,
} from '../keyTable.js';
import { symbols } from '../symbols.js';

/** What the list's own keys need to know: the query, and what Esc does once it is empty. */
export interface ListKeyState {
  readonly query: string;
  /** Esc on an empty query: `quit`, `back`, `sessions`. */
  readonly leave: string;
}

type ListMoveName = 'move' | 'page' | 'ends' | 'choose';
type ListEndName = 'escape' | HelpKeyName | TextFieldKeyName;
export type ListKeyName = ListMoveName | ListEndName;

/**
 * The keys of every type-to-filter list, in two parts so a screen puts its own between them (the footer
 * reads `↑↓ move  Enter open  ^F favorite  Esc quit  ? help`): `moves` first, `ends` last, since typed
 * text must be tried after every other key.
 */
export function listKeys<State extends ListKeyState>(
  choose: string,
  search: string,
): {
  readonly moves: KeyTable<State, ListMoveName>;
  readonly ends: KeyTable<State, ListEndName>;
} {
  const typing = (state: State): boolean => state.query !== '';
  const escape: KeyBinding<State> = {
    keys: 'Esc',
    action: (state) => (state.query ? 'clear' : state.leave),
    when: 'a query is cleared first',
    matches: named('escape'),
    sends: (_press, state) =>
      state.query ? { type: 'listQueryEdited', edit: { kind: 'clear' } } : { type: 'back' },
  };
  return {
    moves: {
      move: {
        keys: '↑↓ ^P ^N',
        short: '↑↓',
        action: 'move',
        matches: anyOf(named('upArrow', 'downArrow'), ctrl('p'), ctrl('n')),
      },
      page: { keys: 'PgUp PgDn', action: 'move a page', footer: false, matches: named('pageUp', 'pageDown') },
      ends: { keys: 'Home End', action: 'first / last row', footer: false, matches: named('home', 'end') },
      choose: { keys: 'Enter', action: choose, matches: named('return') },
    },
    ends: {
      escape,
      ...helpKeys<State>(typing),
      ...textFieldKeys<State>({
        typed: search,
        clears: 'the query',
        edited: (edit) => ({ type: 'listQueryEdited', edit }),
      }),
    },
  };
}

export interface FilterListProps<Row, State extends ListKeyState, Name extends string> {
  /** The rows matching the query, best first; only the window on screen is read. */
  readonly rows: RowList<Row>;
  /** How many rows there are without a query, for the `37 / 3,000` count. */
  readonly total: number;
  /**
   * The rows of the query as typed, when `rows` may lag behind it (a deferred search): Enter chooses among
   * these, so a query typed fast and Enter open what the query finds, not what was on screen before.
   */
  readonly rowsNow?: () => RowList<Row>;
  /** How many matched, when not every row is a match (pinned rows repeated on top); `rows.length` if unset. */
  readonly matched?: number;
  readonly list: ListState;
  /** Where the list's keys send their events: the query edited, the cursor moved, Esc. */
  readonly dispatch: (event: FlowEvent) => void;
  readonly onChoose: (row: Row) => void;
  readonly renderRow: (row: Row, selected: boolean) => ReactNode;
  readonly rowKey: (row: Row) => string;
  /** Lines available for rows. */
  readonly height: number;
  /** The screen's key table: the list's own keys (listKeys) and the screen's, in order. */
  readonly keys: KeyTable<State, Name | ListKeyName>;
  readonly keyState: State;
  /** The screen's own keys (Ctrl-F, Ctrl-R…), by name, with the row under the cursor. */
  readonly onKey?: (name: Exclude<Name, ListKeyName>, selected: Row | undefined) => void;
  readonly placeholder?: string;
  /** Shown right of the count: a refresh mark, a note. */
  readonly status?: ReactNode;
}

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * A type-to-filter list: the query on top, then the rows in a window sized to `height` (only those are
 * rendered, so 10,000 rows cost what 20 do). Printable keys edit the query, Backspace deletes, Ctrl-U
 * clears; ↑/↓, Ctrl-P/Ctrl-N, PgUp/PgDn, Home/End move; Enter chooses; Esc clears the query, then leaves.
 */
export function FilterList<Row, State extends ListKeyState, Name extends string = ListKeyName>(
  props: FilterListProps<Row, State, Name>,
) {
  const { rows, list, height } = props;
  const cursor = Math.min(list.cursor, Math.max(0, rows.length - 1));
  const selected = rows.at(cursor);
  const move = (to: ListMove): void =>
    props.dispatch({ type: 'listMoved', move: to, rowCount: rows.length, height });

  useScreenKeys(props.keys, props.keyState, props.dispatch, (name, press: Keypress) => {
    switch (name) {
      case 'move':
        return move(press.key.upArrow || press.input === 'p' ? 'up' : 'down');
      case 'page':
        return move(press.key.pageUp ? 'pageUp' : 'pageDown');
      case 'ends':
        return move(press.key.home ? 'home' : 'end');
      case 'choose': {
        const choices = props.rowsNow?.() ?? rows;
        const chosen = choices.at(Math.min(list.cursor, choices.length - 1));
        if (chosen !== undefined) props.onChoose(chosen);
        return;
      }
      default:
        props.onKey?.(name as Exclude<Name, ListKeyName>, selected);
    }
  });

  const top = windowTop(list.top, cursor, height);
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={tint('cyan')}>{symbols('› ')}</Text>
        <Text wrap="truncate-start">
          {list.query === '' && props.placeholder ? (
            <Text dimColor>{props.placeholder}</Text>
          ) : (
            terminalText(list.query)
          )}
          <Text inverse> </Text>
        </Text>
      </Box>
      <Box columnGap={2} height={1} overflow="hidden">
        <Text dimColor>
          {numberFormat.format(props.matched ?? rows.length)} / {numberFormat.format(props.total)}
        </Text>
        {props.status}
      </Box>
      <Box flexDirection="column" height={height}>
        {visible.map((row, offset) => (
          <Fragment key={props.rowKey(row)}>{props.renderRow(row, top + offset === cursor)}</Fragment>
        ))}
      </Box>
    </Box>
  );
}
