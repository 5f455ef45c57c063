import { describe, expect, it } from 'vitest';
import { editQuery, moveCursor } from '../../source/flow/listNavigation.js';
import { EMPTY_LIST } from '../../source/flow/state.js';
import { applyTextEdit } from '../../source/flow/textEdit.js';

describe('moveCursor', () => {
  it('moves by one, by a page, and to either end, never past them', () => {
    const list = { query: '', cursor: 5, top: 0 };
    expect(moveCursor(list, 'up', 100, 10).cursor).toBe(4);
    expect(moveCursor(list, 'down', 100, 10).cursor).toBe(6);
    expect(moveCursor(list, 'pageDown', 100, 10)).toEqual({ query: '', cursor: 15, top: 6 });
    expect(moveCursor(list, 'pageUp', 100, 10).cursor).toBe(0);
    expect(moveCursor(list, 'end', 100, 10)).toEqual({ query: '', cursor: 99, top: 90 });
    expect(moveCursor(list, 'home', 100, 10)).toEqual({ query: '', cursor: 0, top: 0 });
    expect(moveCursor({ ...list, cursor: 99, top: 90 }, 'down', 100, 10).cursor).toBe(99);
    expect(moveCursor(EMPTY_LIST, 'end', 0, 10).cursor).toBe(0);
  });

  it('scrolls the window only when the cursor leaves it', () => {
    const inside = moveCursor({ query: '', cursor: 12, top: 10 }, 'up', 100, 10);
    expect(inside).toEqual({ query: '', cursor: 11, top: 10 });
    expect(moveCursor({ query: '', cursor: 10, top: 10 }, 'up', 100, 10).top).toBe(9);
    expect(moveCursor({ query: '', cursor: 19, top: 10 }, 'down', 100, 10).top).toBe(11);
  });

  it('brings a cursor left beyond a shrunken result list back to its last row', () => {
    expect(moveCursor({ query: 'x', cursor: 50, top: 45 }, 'up', 3, 10).cursor).toBe(1);
  });
});

describe('editQuery', () => {
  it('starts a changed query at the top and leaves an unchanged one alone', () => {
    const list = { query: 'pay', cursor: 7, top: 3 };
    expect(editQuery(list, { kind: 'insert', text: 'm' })).toEqual({ query: 'paym', cursor: 0, top: 0 });
    expect(editQuery(EMPTY_LIST, { kind: 'deleteBackward' })).toBe(EMPTY_LIST);
  });
});

describe('applyTextEdit', () => {
  it('inserts, deletes the last character (a whole emoji, not half of it) and clears', () => {
    expect(applyTextEdit('ab', { kind: 'insert', text: 'cd' })).toBe('abcd');
    expect(applyTextEdit('a😀', { kind: 'deleteBackward' })).toBe('a');
    expect(applyTextEdit('abc', { kind: 'clear' })).toBe('');
  });
});
