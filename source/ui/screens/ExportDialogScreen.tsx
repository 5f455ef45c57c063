import { Box, Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import type { ExportPhase } from '../../flow/state.js';
import { tint } from '../colors.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { TextField } from '../components/TextField.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import { anyOf, applies, helpKeys, named, send, textFieldKeys, typed } from '../keyTable.js';
import { symbols } from '../symbols.js';
import type { ScreenProps } from './screenProps.js';

interface ExportKeyState {
  readonly phase: ExportPhase;
  readonly field: 'profileName' | 'region';
  /** What the focused field holds. */
  readonly value: string;
}

const in_ =
  (...phases: ExportPhase[]) =>
  (state: ExportKeyState): boolean =>
    phases.includes(state.phase);
const EDITING = applies('editing the name', in_('editing'));
const ASKING = applies('asked to replace a profile', in_('confirmOverwrite'));

/** The export dialog's keys: the footer, the help overlay and the handler are made from it. */
export const EXPORT_KEYS = {
  target: {
    keys: 'Tab',
    action: 'static / SSO profile',
    ...EDITING,
    matches: named('tab'),
    sends: send({ type: 'exportTargetSwitched' }),
  },
  field: {
    keys: '↑↓',
    action: (state: ExportKeyState) => (state.field === 'region' ? 'profile name' : 'region'),
    ...EDITING,
    matches: named('upArrow', 'downArrow'),
    sends: send({ type: 'exportFieldSwitched' }),
  },
  write: {
    keys: 'Enter',
    action: 'write',
    ...EDITING,
    matches: named('return'),
    sends: send({ type: 'exportSubmitted' }),
  },
  cancel: {
    keys: 'Esc',
    action: 'cancel',
    ...EDITING,
    matches: named('escape'),
    sends: send({ type: 'back' }),
  },
  replace: {
    keys: 'y',
    action: 'replace',
    ...ASKING,
    matches: anyOf(typed('y'), typed('Y')),
    sends: send({ type: 'overwriteAnswered', yes: true }),
  },
  keep: {
    keys: 'n Esc',
    action: 'keep',
    ...ASKING,
    matches: anyOf(typed('n'), typed('N'), named('escape')),
    sends: send({ type: 'overwriteAnswered', yes: false }),
  },
  done: {
    keys: 'Enter Esc',
    short: 'Enter',
    action: 'back',
    when: 'once written',
    active: in_('done'),
    matches: named('return', 'escape'),
    sends: send({ type: 'back' }),
  },
  ...helpKeys<ExportKeyState>((state) => state.phase === 'editing' && state.value !== ''),
  ...textFieldKeys<ExportKeyState>({
    typed: 'the profile name, or the region',
    clears: 'the name',
    ...EDITING,
    edited: (edit) => ({ type: 'profileNameEdited', edit }),
  }),
};

/** Writes the credentials (or an SSO profile) under a profile name; asks before replacing one. */
export function ExportDialogScreen({ screen, data, dispatch }: ScreenProps<'exportDialog'>) {
  const files = data.exportFiles ?? { credentials: '~/.aws/credentials', config: '~/.aws/config' };
  const { phase } = screen;
  const keyState: ExportKeyState = {
    phase,
    field: screen.field,
    value: screen.field === 'region' ? screen.region : screen.profileName,
  };

  useScreenKeys(EXPORT_KEYS, keyState, dispatch);
  return (
    <ScreenFrame
      title={`Export ${screen.over.account.accountName} / ${screen.over.roleName}`}
      keys={EXPORT_KEYS}
      keyState={keyState}
    >
      <TextField
        label="Profile name:"
        value={screen.profileName}
        focused={phase === 'editing' && screen.field === 'profileName'}
      />
      <TextField
        label="Region:      "
        value={screen.region}
        focused={phase === 'editing' && screen.field === 'region'}
      />
      <Text dimColor wrap="wrap">
        {"              the SSO profile's region, and the console's for this account from now on"}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text>
          {symbols(screen.target === 'static' ? '(•)' : '( )')} static credentials in{' '}
          {terminalText(files.credentials)}
        </Text>
        <Text>
          {symbols(screen.target === 'sso' ? '(•)' : '( )')} SSO profile in {terminalText(files.config)}{' '}
          (refreshes by itself)
        </Text>
      </Box>
      <Box marginTop={1} flexDirection="column">
        {phase === 'writing' ? <Spinner label="Writing…" /> : null}
        {phase === 'confirmOverwrite' ? (
          <Text color={tint('yellow')}>
            The profile {terminalText(screen.profileName.trim())} exists. Replace it? (y/n)
          </Text>
        ) : null}
        {phase === 'done' && screen.written ? (
          <Text color={tint('green')} wrap="wrap">
            Wrote the profile {terminalText(screen.written.profile)} to {terminalText(screen.written.file)}.
          </Text>
        ) : null}
        {screen.problem ? (
          <Text color={tint('red')} wrap="wrap">
            {terminalText(screen.problem)}
          </Text>
        ) : null}
      </Box>
    </ScreenFrame>
  );
}
