import { openBrowser, type BrowserOutcome } from '../services/auth/browser.js';
import type { Io } from './context.js';

/** Opens `url` in the browser unless --no-browser said not to. */
export function openUnlessTold(io: Io, url: string, noBrowser: boolean): Promise<BrowserOutcome> {
  return noBrowser ? Promise.resolve('headless') : openBrowser(url, { env: io.env, platform: io.platform });
}

/**
 * Opens a sign-in URL; in the demo, a sign-in that no browser could open is approved by the demo itself,
 * so the whole flow runs on a headless machine.
 */
export async function openSignInUrl(
  io: Io,
  url: string,
  noBrowser: boolean,
): Promise<BrowserOutcome | 'approvedByDemo'> {
  const outcome = await openUnlessTold(io, url, noBrowser);
  if (outcome === 'opened' || !io.approveSignIn) return outcome;
  await io.approveSignIn(url);
  return 'approvedByDemo';
}
