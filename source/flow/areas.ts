import type { FlowEvent } from './events.js';
import type { FlowState } from './state.js';

/** One area of the flow (sign-in, listings, export…): the events it takes, each named once, and its reducer. */
export interface Area<E extends FlowEvent> {
  readonly takes: Readonly<Record<E['type'], true>>;
  readonly reduce: (state: FlowState, event: E) => FlowState;
}

export function area<E extends FlowEvent>(
  reduce: (state: FlowState, event: E) => FlowState,
  takes: Record<E['type'], true>,
): Area<E> {
  return { reduce, takes };
}
