import type { FlowEvent } from '../flow/events.js';
import type { TextEdit } from '../flow/textEdit.js';
import { textEditFor } from './components/textEditing.js';
import type { Keypress } from './keypresses.js';

/**
 * One key of a screen, declared once (Bubble Tea's `key.Binding`, gemini-cli's `keyBindings.ts`): how it is
 * pressed, what the footer and the help overlay call it, and when it applies. The screen's handler acts on
 * the binding's name; the footer and the help overlay are views of the same table, so they cannot drift.
 */
export interface KeyBinding<State> {
  /** How the footer and help write the key: `Enter`, `^F`, `↑↓`. */
  readonly keys: string;
  /** How the footer writes it, when shorter than `keys` (`↑↓` for `↑↓ ^P ^N`). */
  readonly short?: string;
  /** What it does, in a few words; may depend on the state (Esc: `clear` with a query, else `back`). */
  readonly action: string | ((state: State) => string);
  /** When it applies, in words for the help overlay (`with an empty query`); unset: always. */
  readonly when?: string;
  /** Whether it applies in this state; unset: always. A key that does not apply is not taken. */
  readonly active?: (state: State) => boolean;
  /** Listed in the footer (the one-line summary) when it applies; every binding is listed in help. */
  readonly footer?: boolean | ((state: State) => boolean);
  readonly matches: (press: Keypress) => boolean;
  /**
   * The event the key sends (`send(…)` for one that never changes); unset, the screen's handler acts on the
   * binding's name. Undefined: the key does nothing this time (a paste of control characters only).
   */
  readonly sends?: (press: Keypress, state: State) => FlowEvent | undefined;
}

/** A key's event, the same every time it is pressed. */
export const send = (event: FlowEvent) => (): FlowEvent => event;

/** When a key applies, in words for help and as a test of the state: spread into a binding. */
export const applies = <State>(
  when: string,
  active: (state: State) => boolean,
): { readonly when: string; readonly active: (state: State) => boolean } => ({ when, active });

/** A screen's keys by name, in the order they are tried, shown in the footer and listed in help. */
export type KeyTable<State, Name extends string = string> = { readonly [N in Name]: KeyBinding<State> };

/** The first binding that applies in `state` and matches the key pressed, by name. */
export function pressedBinding<State, Name extends string>(
  table: KeyTable<State, Name>,
  state: State,
  press: Keypress,
): Name | undefined {
  for (const name of Object.keys(table) as Name[]) {
    const binding = table[name];
    if ((binding.active?.(state) ?? true) && binding.matches(press)) return name;
  }
  return undefined;
}

export interface KeyHint {
  /** The binding's name in its table. */
  readonly name: string;
  readonly keys: string;
  readonly action: string;
  /** Empty when the binding always applies. */
  readonly when: string;
  readonly active: boolean;
}

/** Every binding of the table as the help overlay lists it, whether it applies now or not. */
export function helpRows<State>(table: KeyTable<State>, state: State): KeyHint[] {
  return Object.entries<KeyBinding<State>>(table).map(([name, binding]) => ({
    name,
    keys: binding.keys,
    action: typeof binding.action === 'string' ? binding.action : binding.action(state),
    when: binding.when ?? '',
    active: binding.active?.(state) ?? true,
  }));
}

/** The footer's bindings: those marked for it that apply now, in table order. */
export function footerHints<State>(table: KeyTable<State>, state: State): KeyHint[] {
  const bindings = Object.values<KeyBinding<State>>(table);
  return helpRows(table, state).flatMap((hint, index) => {
    const binding = bindings[index];
    const footer = binding?.footer ?? true;
    if (!hint.active || !(typeof footer === 'boolean' ? footer : footer(state))) return [];
    return [{ ...hint, keys: binding?.short ?? hint.keys }];
  });
}

/**
 * The names of the keys every screen's table has: the key hook opens the overlay on the help keys, and
 * Ctrl-C never reaches a screen (KeyboardRoute quits on it), so it is listed only.
 */
export type HelpKeyName = 'help' | 'helpAnywhere' | 'interrupt';

export const isHelpKey = (name: string): name is HelpKeyName =>
  name === 'help' || name === 'helpAnywhere' || name === 'interrupt';

/**
 * The help keys of a screen: `?`, except while `typing` says a query or field holds text (then `?` is
 * text), and F1 always. The footer offers `? help`, or `F1 help` while `?` is text.
 */
export function helpKeys<State>(typing?: (state: State) => boolean): KeyTable<State, HelpKeyName> {
  return {
    help: {
      keys: '?',
      action: 'help',
      ...(typing ? { when: 'the query or field is empty', active: (state: State) => !typing(state) } : {}),
      matches: typed('?'),
    },
    helpAnywhere: {
      keys: 'F1',
      action: 'help',
      footer: typing ?? false,
      matches: f1,
    },
    interrupt: { keys: '^C', action: 'quit', when: 'anywhere', footer: false, matches: ctrl('c') },
  };
}

/** The names of a text field's keys (textFieldKeys). */
export type TextFieldKeyName = 'type' | 'backspace' | 'clearField';

/**
 * The keys of a one-line text field: what is typed (or pasted), Backspace and ^U, each sending the edit it
 * makes as `edited` words it. They come last in a table: typed text matches nearly every key.
 */
export function textFieldKeys<State>(field: {
  /** What is typed, as help lists it (`the region`). */
  readonly typed: string;
  /** How help names typing, `type` unless the field is for a paste. */
  readonly typedKeys?: string;
  /** When typing applies, in words, when it differs from `when`. */
  readonly typedWhen?: string;
  /** What ^U clears (`the field`, `the query`). */
  readonly clears: string;
  /** When the three apply, in words for help; unset: always. */
  readonly when?: string;
  readonly active?: (state: State) => boolean;
  readonly edited: (edit: TextEdit) => FlowEvent;
}): KeyTable<State, TextFieldKeyName> {
  const sends = (press: Keypress): FlowEvent | undefined => {
    const edit = textEditFor(press.input, press.key);
    return edit && field.edited(edit);
  };
  const when = field.when === undefined ? {} : { when: field.when };
  const shared = { ...(field.active ? { active: field.active } : {}), footer: false, sends };
  const typedWhen = field.typedWhen ?? field.when;
  return {
    type: {
      keys: field.typedKeys ?? 'type',
      action: field.typed,
      ...(typedWhen === undefined ? {} : { when: typedWhen }),
      ...shared,
      matches: text,
    },
    backspace: {
      keys: 'Backspace',
      action: 'delete a character',
      ...when,
      ...shared,
      matches: named('backspace', 'delete'),
    },
    clearField: { keys: '^U', action: `clear ${field.clears}`, ...when, ...shared, matches: ctrl('u') },
  };
}

// Matchers, for the tables' `matches`.

/** A printable character typed alone (not part of a paste). */
export const typed =
  (character: string) =>
  ({ input, key }: Keypress): boolean =>
    input === character && !key.ctrl && !key.meta;

export const ctrl =
  (letter: string) =>
  ({ input, key }: Keypress): boolean =>
    key.ctrl && input === letter;

type KeyFlag = {
  [Flag in keyof Keypress['key']]-?: Keypress['key'][Flag] extends boolean ? Flag : never;
}[keyof Keypress['key']];

export const named =
  (...flags: KeyFlag[]) =>
  ({ key }: Keypress): boolean =>
    flags.some((flag) => key[flag]);

export const anyOf =
  (...matchers: ((press: Keypress) => boolean)[]) =>
  (press: Keypress): boolean =>
    matchers.some((matches) => matches(press));

/** F1, which terminals send as one of several sequences and Ink reports as no key at all. */
export const f1 = ({ f1: pressed }: Keypress): boolean => pressed === true;

/** Text typed or pasted into a field: anything that is not a control key. */
export const text = ({ input, key }: Keypress): boolean =>
  input !== '' && !key.ctrl && !key.meta && !key.return && !key.tab && !key.escape;
