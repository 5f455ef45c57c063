import { Box, Text, type Key } from 'ink';
import type { ReactNode } from 'react';
import { windowTop, type ListMove } from '../../flow/listNavigation.js';
import type { ListState } from '../../flow/state.js';
import { terminalText } from '../../services/terminalText.js';
import type { TextEdit } from '../../flow/textEdit.js';
import { textEditFor } from './textEditing.js';
import { useKeys } from '../hooks/useKeys.js';

export interface FilterListProps<Row> {
  /** The rows matching the query, best first. */
  readonly rows: readonly Row[];
  /** How many rows there are without a query, for the `37 / 3,000` count. */
  readonly total: number;
  /**
   * The rows of the query as typed, when `rows` may lag behind it (a deferred search): Enter chooses among
   * these, so a query typed fast and Enter open what the query finds, not what was on screen before.
   */
  readonly rowsNow?: () => readonly Row[];
  /** How many matched, when not every row is a match (pinned rows repeated on top); `rows.length` if unset. */
  readonly matched?: number;
  readonly list: ListState;
  readonly onEdit: (edit: TextEdit) => void;
  readonly onMove: (move: ListMove, rowCount: number, height: number) => void;
  readonly onChoose: (row: Row) => void;
  /** Esc on an empty query. */
  readonly onLeave: () => void;
  readonly renderRow: (row: Row, selected: boolean) => ReactNode;
  readonly rowKey: (row: Row) => string;
  /** Lines available for rows. */
  readonly height: number;
  /** The screen's own keys (Ctrl-F, Ctrl-R…), tried first; true when handled. One useInput per screen. */
  readonly onKey?: (input: string, key: Key, selected: Row | undefined) => boolean;
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
export function FilterList<Row>(props: FilterListProps<Row>) {
  const { rows, list, height } = props;
  const cursor = Math.min(list.cursor, Math.max(0, rows.length - 1));
  const selected = rows[cursor];
  const move = (to: ListMove): void => props.onMove(to, rows.length, height);

  useKeys((input, key) => {
    if (props.onKey?.(input, key, selected)) return;
    if (key.upArrow || (key.ctrl && input === 'p')) return move('up');
    if (key.downArrow || (key.ctrl && input === 'n')) return move('down');
    if (key.pageUp) return move('pageUp');
    if (key.pageDown) return move('pageDown');
    if (key.home) return move('home');
    if (key.end) return move('end');
    if (key.return) {
      const choices = props.rowsNow?.() ?? rows;
      const chosen = choices[Math.min(list.cursor, choices.length - 1)];
      if (chosen !== undefined) props.onChoose(chosen);
      return;
    }
    if (key.escape) {
      if (list.query) props.onEdit({ kind: 'clear' });
      else props.onLeave();
      return;
    }
    const edit = textEditFor(input, key);
    if (edit) props.onEdit(edit);
  });

  const top = windowTop(list.top, cursor, height);
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Box>
        <Text color="cyan">› </Text>
        <Text wrap="truncate-start">
          {list.query === '' && props.placeholder ? (
            <Text dimColor>{props.placeholder}</Text>
          ) : (
            terminalText(list.query)
          )}
          <Text inverse> </Text>
        </Text>
      </Box>
      <Box columnGap={2}>
        <Text dimColor>
          {numberFormat.format(props.matched ?? rows.length)} / {numberFormat.format(props.total)}
        </Text>
        {props.status}
      </Box>
      <Box flexDirection="column" height={height}>
        {visible.map((row, offset) => (
          <Box key={props.rowKey(row)}>{props.renderRow(row, top + offset === cursor)}</Box>
        ))}
      </Box>
    </Box>
  );
}
