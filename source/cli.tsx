import nodeModule from 'node:module';
import { homedir } from 'node:os';
import { EXIT_INTERRUPTED, run } from './main.js';
import { systemClock } from './services/ssoSession.js';

// Node 22.1+ can keep compiled code between runs; the chunks loaded from here on start faster the next time.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The AWS SDK warns on stderr about Node 20; that line is noise for our users and must never reach a screen.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A signal ends the run the way a shell reports it (128 + its number) and through process.exit, so the
// 'exit' handlers still give the terminal back: a signal's default action would skip them.
process.on('SIGINT', () => process.exit(EXIT_INTERRUPTED));
process.on('SIGTERM', () => process.exit(128 + 15));
process.on('SIGHUP', () => process.exit(128 + 1));
// A reader that stops early (`sso-tui list | head`) is not a failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  homeDir: homedir(),
  platform: process.platform,
  clock: systemClock,
  terminal: { stdin: process.stdin, stdout: process.stdout },
});
process.exitCode = code;
if (code !== 0 || process.stdin.isTTY) process.exit(code);
