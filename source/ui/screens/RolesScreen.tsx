import { Text } from 'ink';
import { useMemo } from 'react';
import { createTextSearch, type TextHit } from '../../services/search/termMatcher.js';
import { FilterList } from '../components/FilterList.js';
import { Highlight } from '../components/Highlight.js';
import { FRAME_LINES, ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import type { ScreenProps } from './screenProps.js';

const LIST_CHROME = 2;

/** The roles of one account, filtered as the user types; Enter fetches the role's credentials. */
export function RolesScreen({ screen, data, dispatch, size }: ScreenProps<'roles'>) {
  const roles = data.roles.get(screen.account.accountId);
  const search = useMemo(() => createTextSearch(roles ?? []), [roles]);
  const hits = useMemo(() => search(screen.list.query), [search, screen.list.query]);
  return (
    <ScreenFrame
      title={`Roles · ${screen.account.accountName} (${screen.account.accountId})`}
      hints={[
        { keys: '↑↓', action: 'move' },
        { keys: 'Enter', action: 'credentials' },
        { keys: 'Esc', action: screen.list.query ? 'clear' : 'back' },
      ]}
    >
      <FilterList<TextHit>
        rows={hits}
        total={roles?.length ?? 0}
        list={screen.list}
        height={Math.max(1, size.rows - FRAME_LINES - LIST_CHROME)}
        placeholder="type to filter roles"
        onEdit={(edit) => dispatch({ type: 'listQueryEdited', edit })}
        onMove={(move, rowCount, height) => dispatch({ type: 'listMoved', move, rowCount, height })}
        onLeave={() => dispatch({ type: 'back' })}
        onChoose={(hit) => {
          const roleName = roles?.[hit.index];
          if (roleName !== undefined) dispatch({ type: 'roleChosen', account: screen.account, roleName });
        }}
        rowKey={(hit) => String(hit.index)}
        renderRow={(hit, selected) => (
          <Text color={selected ? 'cyan' : undefined} wrap="truncate-end">
            {selected ? '› ' : '  '}
            <Highlight text={roles?.[hit.index] ?? ''} ranges={hit.ranges} />
          </Text>
        )}
        status={roles ? null : <Spinner label="listing roles" />}
      />
    </ScreenFrame>
  );
}
