import { helpKeys, helpRows, isHelpKey, type KeyTable } from '../keyTable.js';
import { ACCOUNT_KEYS } from './AccountsScreen.js';
import { CHECKING_KEYS } from './CheckingTokenScreen.js';
import { CREDENTIAL_KEYS } from './CredentialsScreen.js';
import { ERROR_KEYS } from './ErrorScreen.js';
import { EXPORT_KEYS } from './ExportDialogScreen.js';
import { SIGN_IN_KEYS } from './SignInScreen.js';
import { ROLE_KEYS } from './RolesScreen.js';
import { SESSION_KEYS } from './SessionPickerScreen.js';
import { SETUP_KEYS } from './SetupScreen.js';

interface ScreenKeys<State> {
  readonly screen: string;
  readonly keys: KeyTable<State>;
  /** The state the README describes the keys in (an action may depend on it: Esc clears, then quits). */
  readonly state: State;
}

const screenKeys = <State>(screen: string, keys: KeyTable<State>, state: State): ScreenKeys<unknown> =>
  ({ screen, keys, state }) as ScreenKeys<unknown>;

/** Every screen's key table, in the order a user meets the screens: the README's key table is made from it. */
export const SCREEN_KEYS: readonly ScreenKeys<unknown>[] = [
  screenKeys('session picker', SESSION_KEYS, { query: '', leave: 'quit' }),
  screenKeys('setup', SETUP_KEYS, { field: 'startUrl', value: '', verifying: false }),
  screenKeys('checking the sign-in', CHECKING_KEYS, undefined),
  screenKeys('sign-in', SIGN_IN_KEYS, { started: true, takesPaste: true, pasted: '' }),
  screenKeys('accounts', ACCOUNT_KEYS, { query: '', leave: 'quit', onRow: true, listing: false }),
  screenKeys('roles', ROLE_KEYS, { query: '', leave: 'back' }),
  screenKeys('credentials', CREDENTIAL_KEYS, {
    fetched: true,
    secretShown: false,
    editingRegion: false,
    regionTyped: false,
  }),
  screenKeys('export', EXPORT_KEYS, { phase: 'editing', field: 'profileName', value: '' }),
  screenKeys('error', ERROR_KEYS, undefined),
];

/**
 * The rows of the README's key table: screen, key, what it does, when it applies. The keys every screen
 * has (help, Ctrl-C) come once, first.
 */
export function keyTableRows(): string[][] {
  const everywhere = helpRows(
    helpKeys<{ typing: boolean }>((state) => state.typing),
    { typing: false },
  );
  return [
    ...everywhere.map((row) => ['every screen', `\`${row.keys}\``, row.action, row.when]),
    ...SCREEN_KEYS.flatMap(({ screen, keys, state }) =>
      helpRows(keys, state)
        .filter((row) => !isHelpKey(row.name))
        .map((row) => [screen, `\`${row.keys}\``, row.action, row.when]),
    ),
  ];
}

/** The key table as the README writes it (before prettier pads its columns). */
export function keyTableMarkdown(): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(['screen', 'key', 'does', 'when']),
    line(['---', '---', '---', '---']),
    ...keyTableRows().map(line),
  ].join('\n');
}
