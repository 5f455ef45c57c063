import { lstat, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../services/errors.js';
import { startSimulator, type Simulator } from '../simulator/index.js';
import type { Io } from '../commands/context.js';

export const DEMO_ACCOUNTS = 2_500;
export const DEMO_SESSION = 'demo';
const DEMO_START_URL = 'https://demo-org.awsapps.com/start';
const SANDBOX_PREFIX = 'sso-tui-demo-';
const DAY_MS = 24 * 3600 * 1000;

export interface Demo {
  readonly io: Io;
  readonly sandbox: string;
  readonly simulator: Simulator;
  close(): Promise<void>;
}

/**
 * `--demo`: the embedded Identity Center simulator on 127.0.0.1 and the user's demo sandbox, which stands in
 * for the home folder, so nothing touches the real ~/.aws. Every `--demo` run of one user shares the sandbox
 * and the simulator's clients and tokens kept in it, so `--demo login`, then `--demo list`, then `--demo
 * export` behave as the real thing does across processes; each run serves on a port of its own, which the
 * endpoints it is given name. With no browser, the demo approves sign-ins.
 */
export async function startDemo(io: Io): Promise<Demo> {
  const temp = io.env.TMPDIR || tmpdir();
  await removeStaleSandboxes(temp, io.clock());
  const sandbox = await ownSandbox(join(temp, `${SANDBOX_PREFIX}${userName()}`), io.clock());
  const simulator = await startSimulator({
    accounts: DEMO_ACCOUNTS,
    seed: 1,
    stateFile: join(sandbox, 'simulator.json'),
  });
  const awsFolder = join(sandbox, '.aws');
  await mkdir(awsFolder, { recursive: true, mode: 0o700 });
  const configFile = join(awsFolder, 'config');
  await writeFile(
    configFile,
    `[sso-session ${DEMO_SESSION}]\nsso_start_url = ${DEMO_START_URL}\nsso_region = us-east-1\n` +
      'sso_registration_scopes = sso:account:access\n',
    // Written once: what the demo's exports add to the file stays for the next run.
    { mode: 0o600, flag: 'wx' },
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const demoIo: Io = {
    ...io,
    env: {
      ...io.env,
      AWS_ENDPOINT_URL_SSO_OIDC: simulator.url,
      AWS_ENDPOINT_URL_SSO: simulator.url,
      // Console links go to the simulator's federation endpoint, which signs in while the demo runs.
      AWS_ENDPOINT_URL_SIGNIN: `${simulator.url}/federation`,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(awsFolder, 'credentials'),
    },
    homeDir: sandbox,
    stateFolder: join(sandbox, 'state'),
    demoBanner: `Demo · simulated Identity Center at ${simulator.url} · files in ${sandbox}`,
    // A browser would follow /authorize's redirect to the loopback callback, or open the device page.
    approveSignIn: async (url) => {
      await (await fetch(url)).text();
    },
  };
  return { io: demoIo, sandbox, simulator, close: () => simulator.close() };
}

function userName(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '_') || String(process.getuid?.() ?? 'user');
  } catch {
    return String(process.getuid?.() ?? 'user');
  }
}

/**
 * The user's sandbox, made 0700 if new. One that exists must be a real folder (not a link) of this user's,
 * closed to others: the temp folder is shared, and another user could have made it first to read or plant
 * files. Its time is touched on each use, for the day-old clean-up.
 */
async function ownSandbox(folder: string, now: Date): Promise<string> {
  await mkdir(folder, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const stats = await lstat(folder);
  const uid = process.getuid?.();
  if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o077) !== 0) {
    throw new UserError(
      `The demo sandbox ${folder} is not a private folder of yours (it must be a folder you own, mode 0700).`,
      'Remove it, or set TMPDIR to a folder of your own.',
    );
  }
  await utimes(folder, now, now);
  return folder;
}

/** Removes this user's demo sandboxes (older runs made one each) unused for a day. */
async function removeStaleSandboxes(temp: string, now: Date): Promise<void> {
  const uid = process.getuid?.();
  const names = await readdir(temp).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(SANDBOX_PREFIX))
      .map(async (name) => {
        const folder = join(temp, name);
        const stats = await lstat(folder).catch(() => undefined);
        if (!stats?.isDirectory() || (uid !== undefined && stats.uid !== uid)) return;
        if (now.getTime() - stats.mtimeMs > DAY_MS) await rm(folder, { recursive: true, force: true });
      }),
  );
}
