import { render, type Instance } from 'ink';
import { dirname } from 'node:path';
import { App } from '../ui/App.js';
import { enterAlternateScreen } from '../ui/alternateScreen.js';
import { writeChangedLinesOnly } from '../ui/frameDiff.js';
import { applyColorPreference } from '../ui/colors.js';
import { applyHyperlinkPreference } from '../ui/hyperlinks.js';
import { applySymbolPreference } from '../ui/symbols.js';
import { FullScreen } from '../ui/components/FullScreen.js';
import { MAX_FPS } from '../ui/hooks/useRanking.js';
import { UsageError } from '../services/errors.js';
import { chooseSession, configFilePath, readSsoSessions } from '../services/sessionConfig.js';
import { StateStore } from '../services/stateStore.js';
import { stateFolderPath } from '../services/stateFolder.js';
import type { SsoSession } from '../services/ssoSession.js';
import { effectRunner } from './effects/effectRunner.js';
import { boundHeap } from './heapBounds.js';
import { createAppServices, readWarmStart } from './realServices.js';
import type { Io } from '../commands/context.js';
import { COMMANDS, type CliOptions } from '../commands/options.js';

/**
 * `sso-tui`: the full-screen flow. It needs a terminal on both ends; anything else is told to use a
 * subcommand. Nothing else may write to the screen while it runs: console output and process warnings
 * (the AWS SDK's among them) are dropped rather than drawn over the UI.
 */
export async function fullScreen(options: CliOptions, io: Io): Promise<void> {
  const { terminal } = io;
  if (!terminal?.stdin.isTTY || !terminal.stdout.isTTY) {
    throw new UsageError(
      'The full-screen flow needs a terminal.',
      `In scripts use a subcommand: ${COMMANDS.join(', ')} (see --help).`,
    );
  }
  // A dumb terminal (Emacs' shell, some CI consoles) cannot move the cursor: a full screen would pile up.
  if (io.env.TERM === 'dumb') {
    throw new UsageError(
      'This terminal (TERM=dumb) cannot show the full screen.',
      `Use a subcommand: ${COMMANDS.join(', ')} (see --help).`,
    );
  }
  // Before the cached lists are read: they are the bulk of what the heap holds.
  boundHeap();
  const sessions = await readSsoSessions(configFilePath(io.homeDir, io.env));
  const chosen =
    options.ssoSession || options.startUrl
      ? chooseSession(sessions, {
          sessionName: options.ssoSession,
          startUrl: options.startUrl,
          region: options.region,
        })
      : onlySession(sessions);
  const stateStore = new StateStore({ folder: stateFolderPath(io) });
  const stateFolder = dirname(stateStore.path);
  const services = createAppServices({
    io,
    stateStore,
    stateFolder,
    terminal: terminal.stdout,
    noBrowser: options.noBrowser,
    ...(options.callbackPort === undefined ? {} : { callbackPort: options.callbackPort }),
  });
  const warm = chosen ? await readWarmStart(services, chosen) : undefined;
  applyColorPreference(io.env);
  applyHyperlinkPreference(io.env);
  applySymbolPreference(io.env, io.platform);
  const restore = silenceStrayOutput();
  let instance: Instance | undefined;
  const leaveAlternateScreen = enterAlternateScreen(terminal.stdout, () => instance?.unmount());
  const writeWholeFrames = writeChangedLinesOnly(terminal.stdout);
  try {
    instance = render(
      <FullScreen>
        <App
          services={services}
          effects={effectRunner(services, io.clock)}
          sessions={sessions}
          {...(chosen ? { session: chosen } : {})}
          {...(options.deviceCode ? { signInMethod: 'deviceCode' as const } : {})}
          {...(options.profile ? { profile: options.profile } : {})}
          clock={io.clock}
          {...(io.demoBanner ? { banner: io.demoBanner } : {})}
          {...(warm ? { warm } : {})}
        />
      </FullScreen>,
      {
        stdin: terminal.stdin,
        stdout: terminal.stdout,
        exitOnCtrlC: false,
        patchConsole: false,
        maxFps: MAX_FPS,
      },
    );
    try {
      await instance.waitUntilExit();
    } finally {
      instance.cleanup();
    }
  } finally {
    writeWholeFrames();
    leaveAlternateScreen();
    restore();
  }
}

function onlySession(sessions: readonly SsoSession[]): SsoSession | undefined {
  return sessions.length === 1 ? sessions[0] : undefined;
}

/** Drops console output and process warnings for the life of the full screen; returns the undo. */
function silenceStrayOutput(): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((method) => console[method]);
  for (const method of methods) console[method] = () => undefined;
  const warningListeners = process.listeners('warning');
  process.removeAllListeners('warning');
  const ignoreWarning = (): void => undefined;
  process.on('warning', ignoreWarning);
  return () => {
    methods.forEach((method, index) => {
      console[method] = saved[index] as (typeof console)[typeof method];
    });
    process.off('warning', ignoreWarning);
    for (const listener of warningListeners) process.on('warning', listener);
  };
}
