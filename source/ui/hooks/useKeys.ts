import { useContext, useLayoutEffect } from 'react';
import type { FlowEvent } from '../../flow/events.js';
import { HelpContext, KeyRouteContext, type Help } from '../components/KeyboardRoute.js';
import { isHelpKey, pressedBinding, type HelpKeyName, type KeyTable } from '../keyTable.js';
import type { Keypress } from '../keypresses.js';

export function useHelp(): Help {
  return useContext(HelpContext);
}

/**
 * The screen's keys: the first binding of its table that applies and matches the key sends its event to
 * `dispatch`, or, when it sends none, is handed to `onKey` by name. The help keys open the overlay, which
 * then takes every key until it is closed (see KeyboardRoute). Call once per screen, inside a KeyboardRoute.
 */
export function useScreenKeys<State, Name extends string>(
  table: KeyTable<State, Name>,
  state: State,
  dispatch: (event: FlowEvent) => void,
  onKey?: (name: Exclude<Name, HelpKeyName>, press: Keypress) => void,
): void {
  const route = useContext(KeyRouteContext);
  if (!route) throw new Error('useScreenKeys needs a KeyboardRoute above it.');
  const help = useHelp();
  useLayoutEffect(() =>
    route.attach((press) => {
      const name = pressedBinding(table, state, press);
      if (name === undefined) return;
      if (name === 'help' || name === 'helpAnywhere') return help.show();
      if (isHelpKey(name)) return;
      const { sends } = table[name];
      if (!sends) return onKey?.(name as Exclude<Name, HelpKeyName>, press);
      const event = sends(press, state);
      if (event) dispatch(event);
    }),
  );
}
