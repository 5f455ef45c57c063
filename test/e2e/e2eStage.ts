import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startCliStage, STAND_IN_BROWSER, type CliStage } from '../support/cliStage.js';
import type { SimulatorOptions } from '../../source/simulator/index.js';
import type { TerminalRig } from './terminalRig.js';

export interface E2eStage extends CliStage {
  /** The program's environment: the temp HOME, its config folder, the simulator's endpoints. */
  readonly programEnv: Record<string, string>;
}

/**
 * The simulator in the test process and a temp HOME with an `[sso-session work]` config (its
 * XDG_CONFIG_HOME inside, so the program's own state stays there), as the CLI tests have, plus a BROWSER
 * stand-in that approves a sign-in by following the URL.
 */
export async function startE2eStage(options: SimulatorOptions): Promise<E2eStage> {
  const stage = await startCliStage(options);
  // A user's environment does not silence the AWS SDK's Node version warning: the program must.
  const userEnv: Record<string, string> = { ...stage.env };
  delete userEnv.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const programEnv = {
    ...userEnv,
    // A terminal of today: UTF-8, so the screens draw their own symbols (ASCII ones otherwise).
    LANG: 'C.UTF-8',
    BROWSER: `${process.execPath} ${STAND_IN_BROWSER}`,
  };
  return {
    ...stage,
    programEnv,
    close: async () => {
      await stage.close();
      await rm(stage.home, { recursive: true, force: true });
    },
  };
}

export interface TerminalFixture {
  /** The stage of the whole test file, with an AWS CLI token good for eight hours. */
  stage: E2eStage;
  /** The program a test started; disposed of after the test. */
  rig?: TerminalRig;
}

/** One signed-in stage for the test file and one terminal per test: the hooks every pty test file needs. */
export function signedInTerminals(options: SimulatorOptions): TerminalFixture {
  const fixture = {} as TerminalFixture;
  beforeAll(async () => {
    fixture.stage = await startE2eStage(options);
    // A cached token: each start goes straight to the account list.
    await fixture.stage.writeAwsCliToken(8 * 3600);
  });
  afterEach(() => {
    fixture.rig?.dispose();
    fixture.rig = undefined;
  });
  afterAll(async () => {
    await fixture.stage.close();
  });
  return fixture;
}
