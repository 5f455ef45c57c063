import { Box, Text } from 'ink';
import { chosenRegion, proposedSessionName, setupRegions } from '../../flow/setupForm.js';
import { terminalText } from '../../services/terminalText.js';
import { tint } from '../colors.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { TextField } from '../components/TextField.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import type { FlowEvent } from '../../flow/events.js';
import { helpKeys, named, send, textFieldKeys } from '../keyTable.js';
import type { Keypress } from '../keypresses.js';
import type { ScreenProps } from './screenProps.js';

interface SetupKeyState {
  readonly field: 'startUrl' | 'region' | 'sessionName';
  /** What the focused field holds. */
  readonly value: string;
  readonly verifying: boolean;
}

const editable = (state: SetupKeyState): boolean => !state.verifying;

/** The setup form's keys: the footer, the help overlay and the handler are made from it. */
export const SETUP_KEYS = {
  nextField: {
    keys: 'Tab',
    action: 'next field (Shift-Tab: back)',
    active: editable,
    matches: named('tab'),
    sends: (press: Keypress): FlowEvent => ({
      type: 'setupFieldSwitched',
      direction: press.key.shift ? -1 : 1,
    }),
  },
  move: {
    keys: '↑↓',
    action: (state: SetupKeyState) => (state.field === 'region' ? 'choose' : 'previous / next field'),
    active: editable,
    footer: (state: SetupKeyState) => state.field === 'region',
    matches: named('upArrow', 'downArrow'),
    // In the region field the arrows choose a region; elsewhere they move between fields.
    sends: (press: Keypress, state: SetupKeyState): FlowEvent => {
      const delta = press.key.upArrow ? -1 : 1;
      return state.field === 'region'
        ? { type: 'setupRegionMoved', delta }
        : { type: 'setupFieldSwitched', direction: delta };
    },
  },
  submit: {
    keys: 'Enter',
    action: (state: SetupKeyState) => (state.field === 'sessionName' ? 'check and save' : 'next'),
    active: editable,
    matches: named('return'),
    sends: send({ type: 'setupSubmitted' }),
  },
  quit: {
    keys: 'Esc',
    action: 'quit',
    active: editable,
    matches: named('escape'),
    sends: send({ type: 'back' }),
  },
  ...helpKeys<SetupKeyState>((state) => state.value !== ''),
  ...textFieldKeys<SetupKeyState>({
    typed: 'the start URL, the region filter, the session name',
    clears: 'the field',
    active: editable,
    edited: (edit) => ({ type: 'setupEdited', edit }),
  }),
};

/** Regions listed under the region field while it has the focus. */
const SHOWN_REGIONS = 6;

/**
 * No `[sso-session]` configured (or one to correct after an error): the start URL, the Identity Center region
 * picked from the known ones, and the session's name; tried against Identity Center before being saved.
 */
export function SetupScreen({ screen, dispatch }: ScreenProps<'setup'>) {
  const keyState: SetupKeyState = {
    field: screen.field,
    value:
      screen.field === 'region'
        ? screen.regionQuery
        : screen.field === 'sessionName'
          ? screen.sessionName
          : screen.startUrl,
    verifying: screen.verifying,
  };
  useScreenKeys(SETUP_KEYS, keyState, dispatch);
  const regions = setupRegions(screen);
  const chosen = chosenRegion(screen);
  const cursor = chosen ? regions.indexOf(chosen) : 0;
  const first = Math.max(0, Math.min(cursor - SHOWN_REGIONS + 1, regions.length - SHOWN_REGIONS));
  return (
    <ScreenFrame title="Set up an SSO session" keys={SETUP_KEYS} keyState={keyState}>
      <Text wrap="wrap">
        Type your AWS access portal URL, choose the IAM Identity Center region and name the session. They are
        tried with Identity Center, then saved as an [sso-session] section of the AWS config file.
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <TextField
          label="Start URL:   "
          value={screen.startUrl}
          focused={screen.field === 'startUrl'}
          placeholder="my-company, or https://my-company.awsapps.com/start"
        />
        <TextField
          label="Region:      "
          value={screen.regionQuery}
          focused={screen.field === 'region'}
          placeholder="type to filter: eu-west, Ireland, gov…"
        />
        {screen.field === 'region' ? (
          <Box flexDirection="column" marginLeft={14}>
            {regions.slice(first, first + SHOWN_REGIONS).map((region) => (
              <Text key={region.name} inverse={region === chosen} wrap="truncate-end">
                {region.name.padEnd(15)} {region.place.padEnd(27)} {region.partition}
              </Text>
            ))}
            {regions.length === 0 ? <Text dimColor>no Identity Center region matches</Text> : null}
          </Box>
        ) : chosen ? (
          <Text dimColor>
            {' '.repeat(14)}
            {chosen.name} · {chosen.place} · {chosen.partition}
          </Text>
        ) : null}
        <TextField
          label="Session name:"
          value={screen.sessionName}
          focused={screen.field === 'sessionName'}
          placeholder={proposedSessionName(screen) ?? 'a name for the [sso-session] section'}
        />
      </Box>
      {screen.problem ? (
        <Text color={tint('red')} wrap="wrap">
          {terminalText(screen.problem)}
        </Text>
      ) : null}
      {screen.verifying ? <Spinner label="Checking with Identity Center…" /> : null}
    </ScreenFrame>
  );
}
