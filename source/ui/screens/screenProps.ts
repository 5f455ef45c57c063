import type { Dispatch } from 'react';
import type { FlowEvent } from '../../flow/events.js';
import type { FlowData, Screen } from '../../flow/state.js';
import type { Clock } from '../../services/ssoSession.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';

/** What every screen gets: its own state, the data that outlives screens, and a way to say what happened. */
export interface ScreenProps<Kind extends Screen['kind']> {
  readonly screen: Extract<Screen, { kind: Kind }>;
  readonly data: FlowData;
  readonly dispatch: Dispatch<FlowEvent>;
  readonly clock: Clock;
  readonly size: TerminalSize;
}
