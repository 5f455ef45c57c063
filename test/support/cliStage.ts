import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenCacheFile } from '../../source/services/tokenCache.js';
import {
  awsCliTokenRecord,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../source/simulator/index.js';
import { tempFolder } from './tempFolders.js';

export const SESSION_NAME = 'work';
export const START_URL = 'https://example.awsapps.com/start';
export const REGION = 'eu-west-1';
/** The built program: what `npm run build` makes and what users install. */
export const BUNDLE = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const STAND_IN_BROWSER = fileURLToPath(new URL('./standInBrowser.mjs', import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A simulator, a temporary home with an [sso-session work] config, and a way to run the built CLI in it. */
export interface CliStage {
  readonly simulator: Simulator;
  readonly home: string;
  readonly env: Record<string, string>;
  /** The session's cache file. */
  readonly tokenFile: string;
  run(argv: readonly string[], extraEnv?: Record<string, string>): Promise<RunResult>;
  /** Signs in behind the program's back, writing the cache file exactly as AWS CLI v2 would. */
  writeAwsCliToken(lifetimeSeconds?: number): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startCliStage(options: SimulatorOptions = {}): Promise<CliStage> {
  const simulator = await startSimulator(options);
  const home = await tempFolder('sso-tui-home-');
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(
    join(home, '.aws', 'config'),
    `[sso-session ${SESSION_NAME}]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\n`,
  );
  const env = {
    HOME: home,
    AWS_ENDPOINT_URL_SSO_OIDC: simulator.url,
    AWS_ENDPOINT_URL_SSO: simulator.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The program's own state (`conf`: registrations, lists, cached credentials) stays in the temp home.
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: process.env.PATH ?? '',
  };
  const tokenFile = tokenCacheFile(home, {
    name: SESSION_NAME,
    startUrl: START_URL,
    region: REGION,
    scopes: [],
  });
  return {
    simulator,
    home,
    env,
    tokenFile,
    run: (argv, extraEnv = {}) => runBundle(argv, { ...env, ...extraEnv }),
    writeAwsCliToken: async (lifetimeSeconds = 3600) => {
      const issued = simulator.issueTokens({ lifetimeSeconds });
      const record = awsCliTokenRecord(issued, { startUrl: START_URL, region: REGION });
      await mkdir(dirname(tokenFile), { recursive: true });
      await writeFile(tokenFile, JSON.stringify(record));
      return record;
    },
    close: () => simulator.close(),
  };
}

/**
 * Runs the built program as a user would: `node dist/cli.js` in a child process, with no terminal on stdin,
 * so what the tests pass is what gets shipped.
 */
export function runBundle(argv: readonly string[], env: Record<string, string>): Promise<RunResult> {
  if (!existsSync(BUNDLE)) {
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  }
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BUNDLE, ...argv],
      { env, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 128) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
