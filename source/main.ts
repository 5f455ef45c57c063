import packageJson from '../package.json' with { type: 'json' };
import type { CommandContext, Io } from './commands/context.js';
import { commandHelp, globalHelp } from './commands/help.js';
import {
  COMPLETE_NAMES_COMMAND,
  parseCommandLine,
  type CliOptions,
  type CommandName,
} from './commands/options.js';
import { cliErrorLine } from './commands/errorWords.js';
import { CancelledError, UsageError, UserError } from './services/errors.js';
import { Redactor } from './services/redactor.js';
import { terminalLines, terminalText } from './services/terminalText.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Runs one invocation and returns its exit code; every error becomes one line on stderr. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let options: CliOptions | undefined;
  const redactor = new Redactor();
  try {
    // The completion scripts' own question (account and role names), kept out of the option table.
    if (argv[0] === COMPLETE_NAMES_COMMAND) {
      return await (await import('./commands/completion.js')).completeNames(argv.slice(1), io);
    }
    options = parseCommandLine(argv);
    if (options.help) {
      io.stdout.write(options.command ? commandHelp(options.command) : globalHelp());
      return EXIT_OK;
    }
    if (options.version) {
      io.stdout.write(`${packageJson.version}\n`);
      return EXIT_OK;
    }
    if (!options.demo) return await dispatch(options, io, redactor);
    // The demo brings the simulator (an HTTP server, a generated organization): a chunk of its own, loaded
    // only for --demo, not on every start.
    const { startDemo } = await import('./app/demo.js');
    const demo = await startDemo(io);
    try {
      io.stderr.write(
        terminalText(`Demo: Identity Center simulator at ${demo.simulator.url}; files in ${demo.sandbox}`) +
          '\n',
      );
      return await dispatch(options, demo.io, redactor);
    } finally {
      await demo.close();
    }
  } catch (error) {
    // An interrupt is the user's own doing: the terminal is left as it was, with nothing added.
    if (error instanceof CancelledError) return EXIT_INTERRUPTED;
    // Error sentences quote names, arguments and service messages: one sanitized line, whatever they hold.
    io.stderr.write(`sso-tui: ${terminalText(redactor.redact(cliErrorLine(error)))}\n`);
    if (options?.debug && error instanceof Error && !(error instanceof UserError)) {
      io.stderr.write(terminalLines(redactor.redact(error.stack ?? '')));
    }
    if (error instanceof UsageError) return EXIT_USAGE;
    return EXIT_FAILURE;
  }
}

/**
 * Each command's code (and the AWS SDK, Ink, React behind it) is loaded only when that command runs: the
 * build splits them into chunks, so `--version` and a warm full-screen start load no more than they use.
 */
async function dispatch(options: CliOptions, io: Io, redactor: Redactor): Promise<number> {
  if (!options.command) {
    const { fullScreen } = await import('./app/fullScreen.js');
    await fullScreen(options, io);
    return EXIT_OK;
  }
  const command = options.command;
  if (command === 'credential-process') {
    // SDKs run it for every client they make: a cached answer must not wait for the SDK to load.
    const { printCachedCredentials } = await import('./commands/cachedCredentials.js');
    if (await printCachedCredentials(options, io)) return EXIT_OK;
  }
  if (isSessionless(command)) return (await SESSIONLESS_HANDLERS[command]())(options, io);
  const [{ createContext }, handler] = await Promise.all([
    import('./commands/context.js'),
    HANDLERS[command](),
  ]);
  return (await handler(await createContext(options, io, redactor))) ?? EXIT_OK;
}

/** A handler answers its exit code when it has one of its own (exec passes its command's on). */
type Handler = (context: CommandContext) => Promise<number | void>;
/** Commands that work on every session, or none, and so need no chosen session. */
type SessionlessHandler = (options: CliOptions, io: Io) => Promise<number>;
type SessionlessCommand = 'status' | 'completion';

function isSessionless(command: CommandName): command is SessionlessCommand {
  return command === 'status' || command === 'completion';
}

const SESSIONLESS_HANDLERS: Record<SessionlessCommand, () => Promise<SessionlessHandler>> = {
  status: async () => (await import('./commands/status.js')).status,
  completion: async () => (await import('./commands/completion.js')).completion,
};

const HANDLERS: Record<Exclude<CommandName, SessionlessCommand>, () => Promise<Handler>> = {
  login: async () => (await import('./commands/login.js')).login,
  logout: async () => (await import('./commands/logout.js')).logout,
  list: async () => (await import('./commands/list.js')).list,
  env: async () => (await import('./commands/env.js')).env,
  'credential-process': async () => (await import('./commands/credentialProcess.js')).credentialProcess,
  console: async () => (await import('./commands/console.js')).consoleCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  populate: async () => (await import('./commands/populate.js')).populate,
  exec: async () => (await import('./commands/exec.js')).exec,
};
