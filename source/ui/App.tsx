import { Text } from 'ink';
import { memo, useMemo, useReducer, type ComponentType } from 'react';
import type { AppServices, SignInMethod, WarmStart } from '../flow/appServices.js';
import type { StartEffectRunner } from '../flow/effects.js';
import { initialState } from '../flow/initialState.js';
import { reduce } from '../flow/reduce.js';
import type { Screen } from '../flow/state.js';
import { systemClock, type Clock, type SsoSession } from '../services/ssoSession.js';
import { terminalText } from '../services/terminalText.js';
import { useEffectRunner } from './hooks/useEffectRunner.js';
import { KeyboardRoute } from './components/KeyboardRoute.js';
import { ScreenSizeContext, useTerminalSize } from './hooks/useTerminalSize.js';
import { AccountsScreen } from './screens/AccountsScreen.js';
import { CheckingTokenScreen } from './screens/CheckingTokenScreen.js';
import { CredentialsScreen } from './screens/CredentialsScreen.js';
import { ErrorScreen } from './screens/ErrorScreen.js';
import { ExportDialogScreen } from './screens/ExportDialogScreen.js';
import { SignInScreen } from './screens/SignInScreen.js';
import { RolesScreen } from './screens/RolesScreen.js';
import { SessionPickerScreen } from './screens/SessionPickerScreen.js';
import type { ScreenProps } from './screens/screenProps.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { MINIMUM_SIZE, TooSmallScreen } from './screens/TooSmallScreen.js';
import { symbols } from './symbols.js';

export interface AppProps {
  readonly services: AppServices;
  /** Runs what the reducer asks for (app/effects/effectRunner over `services`). */
  readonly effects: StartEffectRunner;
  /** Every `[sso-session]` of the AWS config file. */
  readonly sessions: readonly SsoSession[];
  /** The session chosen by `--sso-session`/`--start-url`; unset to pick among `sessions` (or set one up). */
  readonly session?: SsoSession;
  /** `--device-code` */
  readonly signInMethod?: SignInMethod;
  /** `--profile`: the name the export dialog proposes. */
  readonly profile?: string;
  readonly clock?: Clock;
  /** A line above every screen (the demo says where its sandbox is). */
  readonly banner?: string;
  /** Read before the first frame for `session`: a fresh token and the cached lists (readWarmStart). */
  readonly warm?: WarmStart;
}

/** The full-screen flow: one reducer over flow/reduce, an effect runner, and the screen of the state. */
export function App({
  services,
  effects,
  sessions,
  session,
  signInMethod,
  profile,
  clock = systemClock,
  banner,
  warm,
}: AppProps) {
  const [state, dispatch] = useReducer(reduce, undefined, () =>
    initialState({
      sessions,
      picks: services.readPicks(),
      now: clock(),
      regionEnvironment: services.regionEnvironment(),
      exportFiles: services.exportFiles(),
      ...(session ? { session } : {}),
      ...(signInMethod ? { signInMethod } : {}),
      ...(profile ? { profile } : {}),
      ...(warm ? { warm } : {}),
    }),
  );
  useEffectRunner(state, dispatch, effects, warm?.sessionServices);
  const terminal = useTerminalSize();
  const size = useMemo(
    () => (banner ? { ...terminal, rows: terminal.rows - 1 } : terminal),
    [banner, terminal],
  );
  const helpOpen = state.helpFor === state.screen.kind;
  const help = useMemo(
    () => ({
      open: helpOpen,
      show: () => dispatch({ type: 'helpShown' }),
      close: () => dispatch({ type: 'helpClosed' }),
    }),
    [helpOpen],
  );
  if (terminal.columns < MINIMUM_SIZE.columns || terminal.rows < MINIMUM_SIZE.rows) {
    return (
      <KeyboardRoute help={help}>
        <TooSmallScreen size={terminal} />
      </KeyboardRoute>
    );
  }
  return (
    <KeyboardRoute help={help}>
      {banner ? (
        <Text dimColor wrap="truncate-end">
          {symbols(terminalText(banner))}
        </Text>
      ) : null}
      <ScreenSizeContext.Provider value={size}>
        <CurrentScreen
          screen={state.screen}
          data={state.data}
          dispatch={dispatch}
          clock={clock}
          size={size}
        />
      </ScreenSizeContext.Provider>
    </KeyboardRoute>
  );
}

/** The component of each screen of the flow; the type fails to compile while a screen has none. */
const SCREENS: { readonly [Kind in Screen['kind']]: ComponentType<ScreenProps<Kind>> } = {
  checkingToken: CheckingTokenScreen,
  sessionPicker: SessionPickerScreen,
  setup: SetupScreen,
  signIn: SignInScreen,
  accounts: AccountsScreen,
  roles: RolesScreen,
  credentials: CredentialsScreen,
  exportDialog: ExportDialogScreen,
  error: ErrorScreen,
};

/**
 * Drawn again only when the screen, the data, or the size changes: handing effects over (the outbox) and
 * taking them changes the state but nothing shown, and at 100,000 accounts a redraw is milliseconds.
 */
const CurrentScreen = memo(function CurrentScreen(props: ScreenProps<Screen['kind']>) {
  // The table pairs each kind with its component; TypeScript cannot relate the two unions by itself.
  const Component = SCREENS[props.screen.kind] as ComponentType<ScreenProps<Screen['kind']>>;
  return <Component {...props} />;
});
