import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../source/commands/context.js';
import { run } from '../../source/main.js';
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
export const STAND_IN_BROWSER = fileURLToPath(new URL('./standInBrowser.mjs', import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A simulator, a temporary home with an [sso-session work] config, and a way to run the CLI in it. */
export interface CliWorld {
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

export async function startCliWorld(options: SimulatorOptions = {}): Promise<CliWorld> {
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
    run: (argv, extraEnv = {}) => runInProcess(argv, { ...env, ...extraEnv }, home),
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

async function runInProcess(
  argv: readonly string[],
  env: Record<string, string>,
  home: string,
): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: Io = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env,
    homeDir: home,
    platform: 'linux',
    clock: () => new Date(),
    stateFolder: join(home, '.config', 'sso-tui'),
  };
  const code = await run(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
