import { Text } from 'ink';
import { useMemo } from 'react';
import { createTextSearch, type TextHit } from '../../services/search/termMatcher.js';
import { tint } from '../colors.js';
import { FilterList, listKeys, type ListKeyState } from '../components/FilterList.js';
import { Highlight } from '../components/Highlight.js';
import { FRAME_LINES, ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { symbols } from '../symbols.js';
import type { ScreenProps } from './screenProps.js';

const LIST_CHROME = 2;

const list = listKeys<ListKeyState>('credentials', 'filter the roles');

/** The roles screen's keys: the footer, the help overlay and the list's handler are made from it. */
export const ROLE_KEYS = { ...list.moves, ...list.ends };

/** The roles of one account, filtered as the user types; Enter fetches the role's credentials. */
export function RolesScreen({ screen, data, dispatch, size }: ScreenProps<'roles'>) {
  const roles = data.roles.get(screen.account.accountId);
  const search = useMemo(() => createTextSearch(roles ?? []), [roles]);
  const hits = useMemo(() => search(screen.list.query), [search, screen.list.query]);
  const keyState: ListKeyState = { query: screen.list.query, leave: 'back' };
  return (
    <ScreenFrame
      title={`Roles · ${screen.account.accountName} (${screen.account.accountId})`}
      keys={ROLE_KEYS}
      keyState={keyState}
    >
      <FilterList<TextHit, ListKeyState>
        keys={ROLE_KEYS}
        keyState={keyState}
        rows={hits}
        total={roles?.length ?? 0}
        list={screen.list}
        height={Math.max(1, size.rows - FRAME_LINES - LIST_CHROME)}
        placeholder="type to filter roles"
        dispatch={dispatch}
        onChoose={(hit) => {
          const roleName = roles?.[hit.index];
          if (roleName !== undefined) dispatch({ type: 'roleChosen', account: screen.account, roleName });
        }}
        rowKey={(hit) => String(hit.index)}
        renderRow={(hit, selected) => (
          <Text color={selected ? tint('cyan') : undefined} wrap="truncate-end">
            {selected ? symbols('› ') : '  '}
            <Highlight text={roles?.[hit.index] ?? ''} ranges={hit.ranges} />
          </Text>
        )}
        status={roles ? null : <Spinner label="listing roles" />}
      />
    </ScreenFrame>
  );
}
