import { Text } from 'ink';
import { useMemo } from 'react';
import { createTextSearch, type TextHit } from '../../services/search/termMatcher.js';
import { FilterList } from '../components/FilterList.js';
import { Highlight } from '../components/Highlight.js';
import { FRAME_LINES, ScreenFrame } from '../components/ScreenFrame.js';
import { sessionDisplayName } from '../../services/ssoSession.js';
import type { ScreenProps } from './screenProps.js';

const LIST_CHROME = 2;

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
  return (
    <ScreenFrame
      title="Choose an SSO session"
      hints={[
        { keys: '↑↓', action: 'move' },
        { keys: 'Enter', action: 'choose' },
        { keys: 'Esc', action: screen.list.query ? 'clear' : 'quit' },
      ]}
    >
      <FilterList<TextHit>
        rows={hits}
        total={labels.length}
        list={screen.list}
        height={Math.max(1, size.rows - FRAME_LINES - LIST_CHROME)}
        onEdit={(edit) => dispatch({ type: 'listQueryEdited', edit })}
        onMove={(move, rowCount, height) => dispatch({ type: 'listMoved', move, rowCount, height })}
        onLeave={() => dispatch({ type: 'back' })}
        onChoose={(hit) => {
          const session = data.sessions[hit.index];
          if (session) dispatch({ type: 'sessionChosen', session });
        }}
        rowKey={(hit) => String(hit.index)}
        renderRow={(hit, selected) => (
          <Text color={selected ? 'cyan' : undefined} wrap="truncate-end">
            {selected ? '› ' : '  '}
            <Highlight text={labels[hit.index] ?? ''} ranges={hit.ranges} />
          </Text>
        )}
      />
    </ScreenFrame>
  );
}
