import { useApp } from 'ink';
import { useEffect, useRef, type Dispatch } from 'react';
import type { SessionServices } from '../../flow/appServices.js';
import type { EffectRunner, StartEffectRunner } from '../../flow/effects.js';
import type { FlowEvent } from '../../flow/events.js';
import type { FlowState } from '../../flow/state.js';

/**
 * Hands each effect the reducer queued to the runner, once and in order, and tells the reducer which it
 * took; the runner (app/effects/) does the work and lives as long as the screen.
 */
export function useEffectRunner(
  state: FlowState,
  dispatch: Dispatch<FlowEvent>,
  start: StartEffectRunner,
  warmSession?: SessionServices,
): void {
  const { exit } = useApp();
  const taken = useRef(0);
  const runner = useRef<EffectRunner | undefined>(undefined);

  useEffect(() => {
    const fresh = state.outbox.filter((effect) => effect.id > taken.current);
    if (fresh.length === 0) return;
    taken.current = fresh.at(-1)!.id;
    dispatch({ type: 'effectsTaken', upTo: taken.current });
    runner.current ??= start({ dispatch, exit }, warmSession);
    for (const effect of fresh) runner.current.run(effect);
  }, [state.outbox, dispatch, exit, start, warmSession]);

  useEffect(() => () => runner.current?.stop(), []);
}
