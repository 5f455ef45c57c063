/**
 * The start URL rule, once for the whole program. People type the portal's address the way they see it:
 * `mycorp`, `mycorp.awsapps.com`, or the browser's `https://mycorp.awsapps.com/start/#/`. Each means the
 * portal `https://mycorp.awsapps.com/start`, the issuer Identity Center knows.
 */

const BARE_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const AWSAPPS_HOST = /\.awsapps\.(com|cn)$/;

/** This machine, the only host plain `http:` may name (the simulator's, and `--demo`'s). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The portal URL `text` names, or undefined when it names none (plain http only for this machine). */
export function normalizeStartUrl(text: string): string | undefined {
  const typed = text.trim();
  if (typed === '') return undefined;
  if (BARE_NAME.test(typed) && !/^\d+$/.test(typed))
    return `https://${typed.toLowerCase()}.awsapps.com/start`;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    return undefined;
  }
  if (url.username || url.password || (!url.hostname.includes('.') && !isLoopbackHost(url.hostname))) {
    return undefined;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return undefined;
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (AWSAPPS_HOST.test(url.hostname) && path === '') path = '/start';
  // The fragment is the portal page's own route (`#/`), never part of the issuer.
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** `https://my-org.awsapps.com/start` → `my-org`: the session name proposed for a start URL. */
export function sessionNameForStartUrl(startUrl: string): string {
  const first = new URL(startUrl).hostname.split('.')[0] ?? '';
  return /^[A-Za-z][\w-]*$/.test(first) ? first : 'default';
}
