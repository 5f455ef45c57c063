import { countCachedCredentials } from '../services/credentialCache.js';
import { listCacheFile } from '../services/listCache.js';
import { chooseSession, configFilePath, readSsoSessions } from '../services/sessionConfig.js';
import { readSessionStatus, type SessionStatus } from '../services/sessionStatus.js';
import { stateFolderPath } from '../services/stateFolder.js';
import type { SsoSession } from '../services/ssoSession.js';
import { tokenCacheFile } from '../services/tokenCache.js';
import type { Io } from './context.js';
import { table } from './list.js';
import { terminalJson } from '../services/terminalText.js';
import type { CliOptions } from './options.js';

export const STATUS_USABLE = 0;
export const STATUS_UNUSABLE = 1;

/**
 * `sso-tui status [--json]`: every session with what the disk says of its sign-in, no network call. The
 * exit code answers "can a command get a token without a browser": 0 when the chosen session (--sso-session,
 * --start-url, or the only one) is usable; with several sessions and none chosen, when one of them is.
 */
export async function status(options: CliOptions, io: Io): Promise<number> {
  const configured = await readSsoSessions(configFilePath(io.homeDir, io.env));
  const choosing = Boolean(options.ssoSession || options.startUrl);
  const chosen = choosing
    ? chooseSession(configured, {
        sessionName: options.ssoSession,
        startUrl: options.startUrl,
        region: options.region,
      })
    : undefined;
  // A session whose section cannot be read has nothing to show; choosing it is refused above.
  const readable = configured.filter((session) => session.unreadable === undefined);
  const sessions = chosen && !readable.some((session) => sameSession(session, chosen)) ? [chosen] : readable;
  const stateFolder = stateFolderPath(io);
  const statuses = await Promise.all(
    sessions.map((session) =>
      readSessionStatus({
        session,
        tokenFile: tokenCacheFile(io.homeDir, session),
        listsFile: listCacheFile(stateFolder, session),
        clock: io.clock,
        countCachedCredentials: async () =>
          (await countCachedCredentials(stateFolder, session, io.clock)).reusable,
      }),
    ),
  );
  const now = io.clock();
  const usable = chosen
    ? statuses.some((entry) => sameSession(entry.session, chosen) && entry.usable)
    : statuses.some((entry) => entry.usable);
  if (options.json) {
    io.stdout.write(
      terminalJson({ usable, sessions: statuses.map((entry) => jsonEntry(entry, now)) }, 2) + '\n',
    );
  } else if (statuses.length === 0) {
    io.stderr.write('No [sso-session] is configured in the AWS config file.\n');
  } else {
    io.stdout.write(statusTable(statuses, now));
  }
  return usable ? STATUS_USABLE : STATUS_UNUSABLE;
}

function sameSession(a: SsoSession, b: SsoSession): boolean {
  return a.name === b.name && a.startUrl === b.startUrl;
}

function jsonEntry(entry: SessionStatus, now: Date): Record<string, unknown> {
  return {
    session: entry.session.name ?? null,
    startUrl: entry.session.startUrl,
    region: entry.session.region,
    signedIn: entry.signedIn,
    usable: entry.usable,
    tokenExpiresAt: entry.tokenExpiresAt?.toISOString() ?? null,
    renewsAt: entry.renewsAt?.toISOString() ?? null,
    canRefresh: entry.canRefresh,
    registrationExpiresAt: entry.registrationExpiresAt?.toISOString() ?? null,
    listsCachedAt: entry.listsCachedAt?.toISOString() ?? null,
    listsAgeSeconds: entry.listsCachedAt
      ? Math.max(0, Math.round((now.getTime() - entry.listsCachedAt.getTime()) / 1000))
      : null,
    cachedCredentials: entry.cachedCredentials ?? null,
  };
}

function statusTable(statuses: readonly SessionStatus[], now: Date): string {
  return table(
    ['SESSION', 'START URL', 'REGION', 'SIGNED IN', 'RENEWS', 'REGISTRATION ENDS', 'LISTS', 'CREDENTIALS'],
    statuses.map((entry) => [
      entry.session.name ?? '-',
      entry.session.startUrl,
      entry.session.region,
      signedInText(entry, now),
      entry.renewsAt
        ? `${localTime(entry.renewsAt)} (${span(entry.renewsAt.getTime() - now.getTime())})`
        : entry.signedIn
          ? 'no refresh'
          : '-',
      entry.registrationExpiresAt ? localTime(entry.registrationExpiresAt) : '-',
      entry.listsCachedAt ? `${span(now.getTime() - entry.listsCachedAt.getTime())} old` : '-',
      entry.cachedCredentials === undefined ? '-' : String(entry.cachedCredentials),
    ]),
  );
}

function signedInText(entry: SessionStatus, now: Date): string {
  if (entry.signedIn && entry.tokenExpiresAt) {
    return `yes, until ${localTime(entry.tokenExpiresAt)}`;
  }
  if (entry.canRefresh) return 'expired, refreshable';
  return entry.tokenExpiresAt && entry.tokenExpiresAt.getTime() <= now.getTime() ? 'expired' : 'no';
}

/** `2026-12-01 09:14` in the local time zone: what a person compares with a clock. */
function localTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A duration as a person says it: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function span(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
