import type { Key } from 'ink';
import type { TextEdit } from '../../flow/textEdit.js';

/**
 * The edit a key makes to a one-line text field, or undefined if it does not edit text. Backspace arrives
 * as `delete` from most terminals (DEL, 0x7f) and as `backspace` from some (BS, 0x08).
 */
export function textEditFor(input: string, key: Key): TextEdit | undefined {
  if (key.backspace || key.delete) return { kind: 'deleteBackward' };
  if (key.ctrl && input === 'u') return { kind: 'clear' };
  if (key.ctrl || key.meta || key.return || key.tab || key.escape) return undefined;
  // A paste arrives as one chunk; line breaks and other control characters are never part of the value.
  const text = [...input].filter((character) => character >= ' ' && character !== '\u007F').join('');
  return text ? { kind: 'insert', text } : undefined;
}
