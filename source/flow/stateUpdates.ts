import type { EffectRequest } from './effects.js';
import type { FlowData, FlowState, Screen } from './state.js';

export function withScreen(state: FlowState, screen: Screen): FlowState {
  return { ...state, screen };
}

export function withData(state: FlowState, data: Partial<FlowData>): FlowState {
  return { ...state, data: { ...state.data, ...data } };
}

export function queue(state: FlowState, ...requests: readonly EffectRequest[]): FlowState {
  let { nextId } = state;
  const effects = requests.map((request) => ({ ...request, id: nextId++ }));
  return { ...state, outbox: [...state.outbox, ...effects], nextId };
}

/** A fresh id for a sign-in attempt, a fetch or a listing generation. */
export function takeId(state: FlowState): [number, FlowState] {
  return [state.nextId, { ...state, nextId: state.nextId + 1 }];
}
