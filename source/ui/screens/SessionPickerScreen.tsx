import { Text } from 'ink';
import { useMemo } from 'react';
import { createTextSearch, type TextHit } from '../../services/search/termMatcher.js';
import { tint } from '../colors.js';
import { FilterList, listKeys, type ListKeyState } from '../components/FilterList.js';
import { Highlight } from '../components/Highlight.js';
import { FRAME_LINES, ScreenFrame } from '../components/ScreenFrame.js';
import { sessionDisplayName } from '../../services/ssoSession.js';
import { symbols } from '../symbols.js';
import type { ScreenProps } from './screenProps.js';

const LIST_CHROME = 2;

const list = listKeys<ListKeyState>('choose', 'filter the sessions');

/** The session picker's keys: the footer, the help overlay and the list's handler are made from it. */
export const SESSION_KEYS = { ...list.moves, ...list.ends };

/** Several `[sso-session]` sections: the user picks one. */
export function SessionPickerScreen({ screen, data, dispatch, size }: ScreenProps<'sessionPicker'>) {
  const labels = useMemo(
    () =>
      data.sessions.map(
        (session) => `${sessionDisplayName(session) ?? '(no name)'}  ${session.startUrl}  ${session.region}`,
      ),
    [data.sessions],
  );
  const search = useMemo(() => createTextSearch(labels), [labels]);
  const hits = useMemo(() => search(screen.list.query), [search, screen.list.query]);
  const keyState: ListKeyState = { query: screen.list.query, leave: 'quit' };
  return (
    <ScreenFrame title="Choose an SSO session" keys={SESSION_KEYS} keyState={keyState}>
      <FilterList<TextHit, ListKeyState>
        keys={SESSION_KEYS}
        keyState={keyState}
        rows={hits}
        total={labels.length}
        list={screen.list}
        height={Math.max(1, size.rows - FRAME_LINES - LIST_CHROME)}
        dispatch={dispatch}
        onChoose={(hit) => {
          const session = data.sessions[hit.index];
          if (session) dispatch({ type: 'sessionChosen', session });
        }}
        rowKey={(hit) => String(hit.index)}
        renderRow={(hit, selected) => (
          <Text color={selected ? tint('cyan') : undefined} wrap="truncate-end">
            {selected ? symbols('› ') : '  '}
            <Highlight text={labels[hit.index] ?? ''} ranges={hit.ranges} />
          </Text>
        )}
      />
    </ScreenFrame>
  );
}
