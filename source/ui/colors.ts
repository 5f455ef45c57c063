import type { Environment } from '../services/endpoints.js';

let colourful = true;

/**
 * Honours NO_COLOR (https://no-color.org): colour goes, and only colour. Bold, underline, inverse and dim
 * stay, since they carry meaning (the selected row, the matched letters, the cursor); turning chalk off, as
 * this once did, dropped them too. FORCE_COLOR set as well keeps colour.
 */
export function applyColorPreference(env: Environment): void {
  colourful = !(env.NO_COLOR && !env.FORCE_COLOR);
}

export type Colour = 'cyan' | 'yellow' | 'green' | 'red';

/** The colour for an Ink `color` prop, or none under NO_COLOR. */
export function tint(colour: Colour): Colour | undefined {
  return colourful ? colour : undefined;
}

/** Whether colour is drawn: without it, matched letters are underlined as well as bold. */
export function coloursOn(): boolean {
  return colourful;
}
