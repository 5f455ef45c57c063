import type { Environment } from '../services/endpoints.js';
import { terminalText } from '../services/terminalText.js';

let enabled = false;
/** A link target of printable ASCII only: nothing in it can end the OSC 8 sequence or start another. */
const LINK_TARGET = /^[\x21-\x7E]+$/;

/**
 * Terminal hyperlinks (OSC 8): the sign-in URL is one line the terminal soft-wraps (unbrokenRows), and a
 * terminal that finds URLs by pattern may still stop at a row's end; a hyperlink makes every row of it
 * open the whole URL. Most
 * terminals support them and the rest skip the sequence; the Linux console, dumb terminals and an unset
 * TERM are left out, since what they do with it is less certain. Detection by TERM_PROGRAM would miss every SSH session,
 * which is where a click matters most.
 */
export function applyHyperlinkPreference(env: Environment): void {
  enabled = Boolean(env.TERM) && env.TERM !== 'dumb' && env.TERM !== 'linux';
}

/**
 * `text` (sanitized) as a hyperlink to `url` where the terminal takes them; `url` is shown when no text is
 * given, so what is read is where it leads. Only a URL of printable ASCII, as the URL parser writes checked
 * URLs, becomes a link target: anything else could end the sequence early and start another.
 */
export function hyperlink(url: string, text: string = url): string {
  const shown = terminalText(text);
  return enabled && LINK_TARGET.test(url) ? `\u001B]8;;${url}\u0007${shown}\u001B]8;;\u0007` : shown;
}
