import type { ListState } from './state.js';
import { applyTextEdit, type TextEdit } from './textEdit.js';

export type ListMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

/** A new query starts at the top of its results. */
export function editQuery(list: ListState, edit: TextEdit): ListState {
  const query = applyTextEdit(list.query, edit);
  return query === list.query ? list : { query, cursor: 0, top: 0 };
}

/**
 * Moves the cursor over `rowCount` rows shown `height` at a time; the window scrolls only when the
 * cursor would leave it.
 */
export function moveCursor(list: ListState, move: ListMove, rowCount: number, height: number): ListState {
  const last = Math.max(0, rowCount - 1);
  const from = Math.min(list.cursor, last);
  const target = {
    up: from - 1,
    down: from + 1,
    pageUp: from - height,
    pageDown: from + height,
    home: 0,
    end: last,
  }[move];
  const cursor = Math.max(0, Math.min(last, target));
  return { ...list, cursor, top: windowTop(list.top, cursor, height) };
}

/** The first visible row: unchanged while the cursor is inside the window, else just enough to show it. */
export function windowTop(top: number, cursor: number, height: number): number {
  if (cursor < top) return cursor;
  if (cursor >= top + height) return Math.max(0, cursor - height + 1);
  return top;
}
