import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { createOidcClient, createPortalClient } from '../services/awsClients.js';
import type { Environment } from '../services/endpoints.js';
import { Portal } from '../services/portal.js';
import { RateBudget } from '../services/rateBudget.js';
import { Redactor } from '../services/redactor.js';
import { credentialsRegion } from '../services/regions.js';
import {
  chooseSession,
  configFilePath,
  credentialsFilePath,
  readSsoSessions,
  refuseSpecialAwsFiles,
} from '../services/sessionConfig.js';
import { StateStore } from '../services/stateStore.js';
import { stateFolderPath } from '../services/stateFolder.js';
import { terminalText } from '../services/terminalText.js';
import type { Clock, SsoSession, SsoToken } from '../services/ssoSession.js';
import { tokenCacheFile } from '../services/tokenCache.js';
import type { CliOptions } from './options.js';

/** What a subcommand runs in: streams, environment, home folder and clock, passed in so tests can set them. */
export interface Io {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Environment;
  readonly homeDir: string;
  readonly platform: NodeJS.Platform;
  readonly clock: Clock;
  /** Set by --demo: what the full-screen flow shows above every screen. */
  readonly demoBanner?: string;
  /** Set by --demo: approves a sign-in when no browser could be opened. */
  readonly approveSignIn?: (url: string) => Promise<void>;
  /** The terminal the full-screen flow draws on, when the program has one. */
  readonly terminal?: { readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream };
  /** Where the program keeps its own state; the user's config folder unless set (demo, tests). */
  readonly stateFolder?: string;
}

export interface CommandContext {
  readonly io: Io;
  readonly options: CliOptions;
  readonly session: SsoSession;
  readonly tokenFile: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly stateStore: StateStore;
  /** The program's own state folder (the state store, cached lists and credentials). */
  readonly stateFolder: string;
  /** AWS files already backed up in this run. */
  readonly backups: Set<string>;
  /**
   * The region an account's credentials are used in (profile, console, env, exec): see credentialsRegion.
   * Without an account (populate, for every account at once), no remembered region counts.
   */
  awsRegion(accountId?: string): string;
  oidc(): SSOOIDCClient;
  portal(token: SsoToken): Portal;
  /** Masks the run's secrets in diagnostics; every token and credential the run handles is remembered. */
  readonly redactor: Redactor;
  debug(message: string): void;
}

export async function createContext(
  options: CliOptions,
  io: Io,
  redactor: Redactor = new Redactor(),
): Promise<CommandContext> {
  const configFile = configFilePath(io.homeDir, io.env);
  await refuseSpecialAwsFiles(io.homeDir, io.env);
  const session = chooseSession(await readSsoSessions(configFile), {
    sessionName: options.ssoSession,
    startUrl: options.startUrl,
    region: options.region,
  });
  const stateStore = new StateStore({ folder: stateFolderPath(io) });
  let oidc: SSOOIDCClient | undefined;
  let portalClient: SSOClient | undefined;
  const budget = new RateBudget();
  const debug = (message: string): void => {
    if (options.debug) io.stderr.write(`debug: ${terminalText(redactor.redact(message))}\n`);
  };
  return {
    io,
    options,
    session,
    tokenFile: tokenCacheFile(io.homeDir, session),
    configFile,
    credentialsFile: credentialsFilePath(io.homeDir, io.env),
    stateStore,
    stateFolder: stateFolderPath(io),
    backups: new Set(),
    awsRegion: (accountId) =>
      credentialsRegion({
        ...(options.awsRegion ? { flag: options.awsRegion } : {}),
        env: io.env,
        remembered: accountId === undefined ? undefined : stateStore.readPicks().accountRegions?.[accountId],
        identityCenterRegion: session.region,
      }).region,
    oidc: () => (oidc ??= createOidcClient(session.region, io.env, io.homeDir)),
    redactor,
    portal: (token) => {
      redactor.remember(token.accessToken, token.refreshToken, token.clientSecret);
      return new Portal({
        client: (portalClient ??= createPortalClient(session.region, io.env, io.homeDir)),
        accessToken: token.accessToken,
        budget,
        onThrottled: () => debug(`throttled; now ${budget.currentRate.toFixed(1)} calls/s`),
      });
    },
    debug,
  };
}
