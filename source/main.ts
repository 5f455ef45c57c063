import packageJson from '../package.json' with { type: 'json' };
import { createContext, type CommandContext, type Io } from './commands/context.js';
import { consoleCommand } from './commands/console.js';
import { credentialProcess } from './commands/credentialProcess.js';
import { startDemo } from './commands/demo.js';
import { USAGE } from './commands/help.js';
import { env } from './commands/env.js';
import { exportCommand } from './commands/export.js';
import { list } from './commands/list.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { fullScreen } from './commands/tui.js';
import { parseCommandLine, type CliOptions, type CommandName } from './commands/options.js';
import { CancelledError, describeError, UsageError, UserError } from './services/errors.js';
import { Redactor } from './services/redactor.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Runs one invocation and returns its exit code; every error becomes one line on stderr. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let options: CliOptions | undefined;
  const redactor = new Redactor();
  try {
    options = parseCommandLine(argv);
    if (options.help) {
      io.stdout.write(USAGE);
      return EXIT_OK;
    }
    if (options.version) {
      io.stdout.write(`${packageJson.version}\n`);
      return EXIT_OK;
    }
    if (!options.demo) {
      await dispatch(options, io, redactor);
      return EXIT_OK;
    }
    const demo = await startDemo(io);
    try {
      io.stderr.write(`Demo: Identity Center simulator at ${demo.simulator.url}; files in ${demo.sandbox}\n`);
      await dispatch(options, demo.io, redactor);
      return EXIT_OK;
    } finally {
      await demo.close();
    }
  } catch (error) {
    // An interrupt is the user's own doing: the terminal is left as it was, with nothing added.
    if (error instanceof CancelledError) return EXIT_INTERRUPTED;
    io.stderr.write(redactor.redact(`sso-tui: ${describeError(error)}\n`));
    if (options?.debug && error instanceof Error && !(error instanceof UserError)) {
      io.stderr.write(redactor.redact(`${error.stack ?? ''}\n`));
    }
    if (error instanceof UsageError) return EXIT_USAGE;
    return EXIT_FAILURE;
  }
}

async function dispatch(options: CliOptions, io: Io, redactor: Redactor): Promise<void> {
  if (!options.command) return fullScreen(options, io);
  await HANDLERS[options.command](await createContext(options, io, redactor));
}

const HANDLERS: Record<CommandName, (context: CommandContext) => Promise<void>> = {
  login,
  logout,
  list,
  env,
  'credential-process': credentialProcess,
  console: consoleCommand,
  export: exportCommand,
};
