/**
 * An edit of a one-line text field. Screens send edits, not new values: two keys that arrive before a
 * redraw (fast typing, key repeat) must both apply to the latest value.
 */
export type TextEdit =
  | { readonly kind: 'insert'; readonly text: string }
  | { readonly kind: 'deleteBackward' }
  | { readonly kind: 'clear' };

export function applyTextEdit(value: string, edit: TextEdit): string {
  switch (edit.kind) {
    case 'insert':
      return value + edit.text;
    case 'deleteBackward':
      return [...value].slice(0, -1).join('');
    case 'clear':
      return '';
  }
}
