import {
  COMMANDS,
  commandSpec,
  FLAGS,
  GLOBAL_FLAGS,
  usageLine,
  type CommandName,
  type FlagName,
  type FlagSpec,
} from './options.js';

const SUMMARY_COLUMN = 43;
const FLAG_COLUMN = 24;

/** `sso-tui --help`: every command's usage line and the options they share, made from the option table. */
export function globalHelp(): string {
  const lines = [
    'sso-tui — AWS credentials through IAM Identity Center, from the keyboard',
    '',
    'Usage',
    ...[undefined, ...COMMANDS].flatMap((command) => usageEntry(command)),
    '',
    'Options for every command',
    ...GLOBAL_FLAGS.map((name) => flagLine(name)),
    '',
    'A is an account id or name; R a role name. `sso-tui COMMAND --help` tells more about one command.',
    'Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted.',
  ];
  return lines.join('\n') + '\n';
}

/** `sso-tui COMMAND --help`: its usage line, what it does and each of its flags. */
export function commandHelp(command: CommandName | undefined): string {
  const spec = commandSpec(command);
  const own = spec.flags.filter((flag) => !GLOBAL_FLAGS.includes(flag.name));
  const lines = [
    `Usage: ${usageLine(command, spec)}`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(own.length > 0 ? ['', 'Options', ...own.map((flag) => flagLine(flag.name, flag.summary))] : []),
    '',
    'Options for every command',
    ...GLOBAL_FLAGS.map((name) => flagLine(name)),
  ];
  return lines.join('\n') + '\n';
}

function usageEntry(command: CommandName | undefined): string[] {
  const usage = `  ${usageLine(command)}`;
  const { summary } = commandSpec(command);
  if (usage.length < SUMMARY_COLUMN - 1) return [`${usage.padEnd(SUMMARY_COLUMN)}${summary}`];
  return [usage, `${' '.repeat(SUMMARY_COLUMN)}${summary}`];
}

function flagLine(name: FlagName, summary?: string): string {
  const flag: FlagSpec = FLAGS[name];
  const names = `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value.placeholder}` : ''}`;
  const left = `  ${names}`;
  const text = summary ?? flag.summary;
  if (left.length < FLAG_COLUMN - 1) return `${left.padEnd(FLAG_COLUMN)}${text}`;
  return `${left}\n${' '.repeat(FLAG_COLUMN)}${text}`;
}
