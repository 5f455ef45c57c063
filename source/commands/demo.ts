import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../simulator/index.js';
import type { Io } from './context.js';

export const DEMO_ACCOUNTS = 2_500;
export const DEMO_SESSION = 'demo';

export interface Demo {
  readonly io: Io;
  readonly sandbox: string;
  readonly simulator: Simulator;
  close(): Promise<void>;
}

/**
 * `--demo`: the embedded Identity Center simulator on 127.0.0.1 and a fresh sandbox folder that stands in for
 * the home folder, so nothing touches the user's real ~/.aws. With no browser, the demo approves sign-ins.
 */
export async function startDemo(io: Io): Promise<Demo> {
  const simulator = await startSimulator({ accounts: DEMO_ACCOUNTS, seed: 1 });
  const sandbox = await mkdtemp(join(tmpdir(), 'sso-tui-demo-'));
  const awsFolder = join(sandbox, '.aws');
  await mkdir(awsFolder, { recursive: true, mode: 0o700 });
  const configFile = join(awsFolder, 'config');
  await writeFile(
    configFile,
    `[sso-session ${DEMO_SESSION}]\nsso_start_url = https://demo-org.awsapps.com/start\nsso_region = us-east-1\n` +
      'sso_registration_scopes = sso:account:access\n',
    { mode: 0o600 },
  );
  const demoIo: Io = {
    ...io,
    env: {
      ...io.env,
      AWS_ENDPOINT_URL_SSO_OIDC: simulator.url,
      AWS_ENDPOINT_URL_SSO: simulator.url,
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
