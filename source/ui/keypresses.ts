import type { Key } from 'ink';

export interface Keypress {
  readonly input: string;
  readonly key: Key;
  /** F1, which Ink reports as no key at all (see KeyboardRoute). */
  readonly f1?: boolean;
}

/** A keypress with no flag set; the keypresses below set the ones that apply. */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const isControl = (character: string): boolean => character < ' ' || character === '\u007F';

/**
 * Ink splits its input at escape sequences but hands a run without escapes to useInput as one event, so
 * Ctrl-U and the letters after it, or a query and the Enter after it (a fast paste, tmux send-keys),
 * arrive as one "key" that no handler recognises. This cuts such a run into what was typed: each control
 * character as its own key, as Ink reports it when it comes alone, and the text between them as one insert
 * (a pasted URL stays one edit).
 */
export function splitKeypresses(input: string, key: Key): readonly Keypress[] {
  if (input.length < 2 || key.ctrl || key.meta || ![...input].some(isControl)) return [{ input, key }];
  const presses: Keypress[] = [];
  let text = '';
  for (const character of input) {
    if (!isControl(character)) {
      text += character;
      continue;
    }
    if (text) presses.push({ input: text, key: NO_KEY });
    text = '';
    presses.push(controlKeypress(character));
  }
  if (text) presses.push({ input: text, key: NO_KEY });
  return presses;
}

/** What Ink's useInput reports for a control character on its own. */
function controlKeypress(character: string): Keypress {
  switch (character) {
    case '\r':
      return { input: character, key: { ...NO_KEY, return: true } };
    case '\n':
      return { input: character, key: NO_KEY };
    case '\t':
      return { input: '', key: { ...NO_KEY, tab: true } };
    case '\b':
      return { input: '', key: { ...NO_KEY, backspace: true } };
    case '\u007F':
      return { input: '', key: { ...NO_KEY, delete: true } };
  }
  const code = character.charCodeAt(0);
  // Ctrl-A … Ctrl-Z are 0x01 … 0x1A; Ink names them by their letter.
  if (code >= 1 && code <= 26)
    return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: character, key: NO_KEY };
}
