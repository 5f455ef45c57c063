import { closestWords } from '../services/closestWords.js';
import { quoted, UsageError } from '../services/errors.js';
import { isRegionName } from '../services/regions.js';
import { normalizeStartUrl } from '../services/startUrl.js';
import type { EnvShell } from '../services/shellLines.js';

/**
 * The command line's one table: every command and flag, what value a flag takes and of what kind. Parsing,
 * `--help` (help.ts), error messages and shell completion are all read from it.
 */

/** What a flag's value is, so that errors can name it and completion can offer candidates. */
export type ValueKind =
  'account' | 'role' | 'profile' | 'session' | 'start-url' | 'region' | 'port' | 'shell' | 'template';

export interface FlagSpec {
  /** The flag without its dashes. */
  readonly name: string;
  readonly short?: string;
  /** Set for a flag that takes a value; a switch has none. */
  readonly value?: { readonly kind: ValueKind; readonly placeholder: string };
  readonly summary: string;
}

const ENV_SHELLS = ['sh', 'bash', 'zsh', 'fish', 'powershell', 'pwsh'] as const;
const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

/** The values a kind of flag accepts when they are a fixed list (completion offers them). */
export const VALUE_CHOICES: Partial<Record<ValueKind, readonly string[]>> = { shell: ENV_SHELLS };

/** What a value of each kind is, in words, for "needs a value" errors. */
const KIND_WORDS: Record<ValueKind, string> = {
  account: 'an account id or name',
  role: 'a role name',
  profile: 'a profile name',
  session: 'the name of an [sso-session]',
  'start-url': 'the AWS access portal URL',
  region: 'a region like us-east-1',
  port: 'a port number',
  shell: `a shell (${ENV_SHELLS.join(', ')})`,
  template: 'a profile name template',
};

/** A flag's value: its kind and the placeholder `--help` shows. */
const takes = (kind: ValueKind, placeholder: string) => ({ kind, placeholder });

/** The table with each flag's name filled in from its key, so a name is written once. */
function named<const Table extends Record<string, Omit<FlagSpec, 'name'>>>(
  table: Table,
): { readonly [Name in keyof Table]: Table[Name] & { readonly name: Name } } {
  return Object.fromEntries(Object.entries(table).map(([name, spec]) => [name, { ...spec, name }])) as {
    readonly [Name in keyof Table]: Table[Name] & { readonly name: Name };
  };
}

export const FLAGS = named({
  help: { short: 'h', summary: 'this text' },
  version: { short: 'v', summary: 'the version' },
  demo: { summary: 'run against the built-in Identity Center simulator, in a sandbox folder' },
  debug: { summary: 'show details of failures' },
  'sso-session': {
    value: takes('session', 'NAME'),
    summary: 'the [sso-session NAME] of ~/.aws/config to use',
  },
  'start-url': {
    value: takes('start-url', 'URL'),
    summary: 'the AWS access portal URL (with --region), instead of a configured session',
  },
  region: { value: takes('region', 'REGION'), summary: 'the Identity Center region' },
  'no-browser': { summary: 'print the sign-in URL instead of opening a browser' },
  'device-code': { summary: 'sign in with a device code instead of the browser redirect' },
  'callback-port': {
    value: takes('port', 'N'),
    summary: 'fixed port for the sign-in redirect (for ssh -L N:127.0.0.1:N)',
  },
  account: {
    value: takes('account', 'A'),
    summary: 'an account id, or an account name (exact but for case)',
  },
  role: { value: takes('role', 'R'), summary: 'a role name' },
  profile: { value: takes('profile', 'P'), summary: 'the profile to write' },
  'sso-profile': { summary: 'write an SSO profile to ~/.aws/config instead of static credentials' },
  force: { summary: 'replace an existing profile' },
  'aws-region': {
    value: takes('region', 'REGION'),
    summary:
      'the region the credentials are for (default: AWS_REGION, AWS_DEFAULT_REGION, the one last chosen)',
  },
  shell: {
    value: takes('shell', 'SHELL'),
    summary: `the syntax to print: ${ENV_SHELLS.join(', ')}`,
  },
  roles: { summary: 'every account and role pair' },
  json: { summary: 'JSON instead of a table' },
  refresh: { summary: 'fetch the lists even when cached ones are fresh' },
  'no-cache': { summary: 'fetch credentials even when cached ones are still good' },
  print: { summary: 'print the URL instead of opening it (it carries a sign-in token)' },
  template: { value: takes('template', 'T'), summary: 'how profile names are made from account and role' },
  prune: { summary: 'remove the profiles sso-tui wrote whose account and role are gone' },
  'dry-run': { summary: 'show the changes without writing them' },
});

export type FlagName = keyof typeof FLAGS;

/** The flags every command (and the full-screen flow) accepts. */
export const GLOBAL_FLAGS: readonly FlagName[] = [
  'sso-session',
  'start-url',
  'region',
  'no-browser',
  'device-code',
  'callback-port',
  'demo',
  'debug',
  'help',
  'version',
];

export interface CommandFlag {
  readonly name: FlagName;
  readonly required?: boolean;
  /** What the flag means for this command, when it says more than the flag's own summary. */
  readonly summary?: string;
}

export interface CommandSpec {
  readonly summary: string;
  readonly flags: readonly CommandFlag[];
  /** A word after the command (`completion bash`), from a fixed list. */
  readonly argument?: { readonly placeholder: string; readonly choices: readonly string[] };
  /** Takes a command line after `--` (`exec … -- CMD [ARGS…]`). */
  readonly commandLine?: boolean;
}

const ACCOUNT_ROLE: readonly CommandFlag[] = [
  { name: 'account', required: true },
  { name: 'role', required: true },
];

export const COMMAND_TABLE = {
  login: {
    summary: 'sign in; fills the token cache shared with the AWS CLI',
    flags: [{ name: 'device-code' }, { name: 'no-browser' }],
  },
  logout: { summary: 'revoke the sign-in and delete its cached token', flags: [] },
  list: {
    summary: 'the accounts (with --roles, every account and role)',
    flags: [{ name: 'roles' }, { name: 'json' }, { name: 'refresh' }],
  },
  export: {
    summary: "write the role's credentials to a profile",
    flags: [
      ...ACCOUNT_ROLE,
      { name: 'profile', required: true },
      { name: 'sso-profile' },
      { name: 'force' },
      { name: 'aws-region', summary: 'the region an SSO profile gets' },
    ],
  },
  env: {
    summary: "print lines that set the role's credentials and region in a shell",
    flags: [...ACCOUNT_ROLE, { name: 'shell' }, { name: 'aws-region' }],
  },
  'credential-process': {
    summary: 'print the credential_process JSON',
    flags: [...ACCOUNT_ROLE, { name: 'no-cache' }],
  },
  console: {
    summary: 'open (or print) an AWS console sign-in URL for the role',
    flags: [
      ...ACCOUNT_ROLE,
      { name: 'print' },
      { name: 'aws-region', summary: 'the region the console opens in' },
    ],
  },
  populate: {
    summary: 'an SSO profile in ~/.aws/config for every account and role',
    flags: [
      { name: 'template' },
      { name: 'aws-region', summary: 'the region the profiles get' },
      { name: 'prune' },
      { name: 'dry-run' },
      { name: 'refresh' },
    ],
  },
  exec: {
    summary: "run a command with the role's credentials and region in its environment",
    flags: [...ACCOUNT_ROLE, { name: 'aws-region' }],
    commandLine: true,
  },
  completion: {
    summary: 'print a shell completion script',
    flags: [],
    argument: { placeholder: 'SHELL', choices: COMPLETION_SHELLS },
  },
  status: {
    summary: 'each session: signed in or not, when it renews, the age of cached lists',
    flags: [{ name: 'json' }],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_TABLE;

/**
 * What the completion scripts run to get names (`sso-tui __complete accounts|roles|sessions`). Like
 * cobra's `__complete` it is a protocol between the scripts and the program, not a command for people,
 * so it stays out of the table and `--help` (see completion.ts).
 */
export const COMPLETE_NAMES_COMMAND = '__complete';
export const COMMANDS = Object.keys(COMMAND_TABLE) as CommandName[];

/** The full-screen flow: `sso-tui` with no command. */
export const FULL_SCREEN: CommandSpec = {
  summary: 'the full-screen flow (sign in, pick an account and role, export)',
  flags: [{ name: 'profile', summary: 'the profile name the export dialog proposes' }],
};

export function commandSpec(command: CommandName | undefined): CommandSpec {
  return command ? COMMAND_TABLE[command] : FULL_SCREEN;
}

export interface CliOptions {
  readonly command?: CommandName;
  readonly help: boolean;
  readonly version: boolean;
  readonly demo: boolean;
  readonly debug: boolean;
  readonly ssoSession?: string;
  readonly startUrl?: string;
  /** The Identity Center region, and nothing else. */
  readonly region?: string;
  readonly noBrowser: boolean;
  readonly deviceCode: boolean;
  readonly callbackPort?: number;
  readonly profile?: string;
  readonly account?: string;
  readonly role?: string;
  readonly force: boolean;
  readonly ssoProfile: boolean;
  /** The region the role's credentials are for (profile, console, env, exec). */
  readonly awsRegion?: string;
  /** The syntax `env` prints; bash and zsh read sh's, pwsh is PowerShell. */
  readonly shell?: EnvShell;
  readonly roles: boolean;
  readonly json: boolean;
  readonly refresh: boolean;
  readonly noCache: boolean;
  readonly print: boolean;
  readonly template?: string;
  readonly prune: boolean;
  readonly dryRun: boolean;
  /** The word after a command that takes one (`completion bash`). */
  readonly argument?: string;
  /** What `exec` runs: everything after `--`. */
  readonly commandLine: readonly string[];
}

type Token =
  | { readonly kind: 'flag'; readonly flag: FlagSpec; readonly typed: string; readonly value?: string }
  | { readonly kind: 'unknown-flag'; readonly typed: string }
  | { readonly kind: 'missing-value'; readonly flag: FlagSpec; readonly typed: string }
  | { readonly kind: 'positional'; readonly text: string };

const BY_LONG = new Map<string, FlagSpec>(Object.values(FLAGS).map((flag) => [flag.name, flag]));
const BY_SHORT = new Map<string, FlagSpec>(
  Object.values(FLAGS).flatMap((flag: FlagSpec) => (flag.short ? [[flag.short, flag] as const] : [])),
);

/** Parses argv (without node and the script) into checked options; anything off is a UsageError. */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  const dashes = argv.indexOf('--');
  const words = dashes < 0 ? argv : argv.slice(0, dashes);
  const afterDashes = dashes < 0 ? undefined : argv.slice(dashes + 1);
  const tokens = tokenize(words);
  const firstPositional = tokens.find((token) => token.kind === 'positional');
  const command = firstPositional && isCommand(firstPositional.text) ? firstPositional.text : undefined;
  const spec = commandSpec(command);
  const where = command ? `\`sso-tui ${command}\`` : 'the full-screen flow';
  const helpHint = `See \`sso-tui${command ? ` ${command}` : ''} --help\`.`;
  const allowed = new Set<string>([...GLOBAL_FLAGS, ...spec.flags.map((flag) => flag.name)]);

  const values = new Map<string, string | true>();
  let argument: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'unknown-flag') {
      const typed = token.typed.replace(/^-+/, '');
      const [near] = [...closestWords(typed, [...allowed]), ...closestWords(typed, Object.keys(FLAGS))];
      throw new UsageError(
        `Unknown option ${quoted(token.typed)}.`,
        near ? `Did you mean --${near}?` : helpHint,
      );
    }
    if (token.kind === 'positional') {
      if (token === firstPositional) {
        if (!command) throw unknownCommand(token.text);
        continue;
      }
      if (spec.argument && argument === undefined) {
        argument = token.text;
        continue;
      }
      throw new UsageError(
        `Unexpected argument ${quoted(token.text)}.`,
        spec.commandLine ? `Put the command to run after \`--\`: ${usageLine(command, spec)}.` : helpHint,
      );
    }
    if (!allowed.has(token.flag.name)) {
      throw new UsageError(`--${token.flag.name} does not apply to ${where}.`, helpHint);
    }
    if (token.kind === 'missing-value') {
      throw new UsageError(`${token.typed} needs a value: ${KIND_WORDS[token.flag.value!.kind]}.`, helpHint);
    }
    if (!token.flag.value && token.value !== undefined) {
      throw new UsageError(`--${token.flag.name} takes no value (got ${quoted(token.value)}).`, helpHint);
    }
    values.set(token.flag.name, token.value ?? true);
  }
  if (afterDashes !== undefined && !spec.commandLine && afterDashes.length > 0) {
    throw new UsageError(`Unexpected argument ${quoted(afterDashes[0]!)}.`, helpHint);
  }

  const text = (name: FlagName): string | undefined => {
    const value = values.get(name);
    return typeof value === 'string' ? checkValue(FLAGS[name], value) : undefined;
  };
  const on = (name: FlagName): boolean => values.has(name);
  const options: CliOptions = {
    ...(command ? { command } : {}),
    help: on('help'),
    version: on('version'),
    demo: on('demo'),
    debug: on('debug'),
    ...defined('ssoSession', text('sso-session')),
    ...defined('startUrl', text('start-url')),
    ...defined('region', text('region')),
    noBrowser: on('no-browser'),
    deviceCode: on('device-code'),
    ...defined('callbackPort', mapDefined(text('callback-port'), Number)),
    ...defined('profile', text('profile')),
    ...defined('account', text('account')),
    ...defined('role', text('role')),
    force: on('force'),
    ssoProfile: on('sso-profile'),
    ...defined('awsRegion', text('aws-region')),
    ...defined('shell', mapDefined(text('shell'), envShell)),
    roles: on('roles'),
    json: on('json'),
    refresh: on('refresh'),
    noCache: on('no-cache'),
    print: on('print'),
    ...defined('template', text('template')),
    prune: on('prune'),
    dryRun: on('dry-run'),
    ...defined('argument', argument),
    commandLine: afterDashes ?? [],
  };
  if (options.help || options.version) return options;

  const missing = spec.flags.filter((flag) => flag.required && !values.has(flag.name));
  if (missing.length > 0) {
    throw new UsageError(
      `${where} needs ${wordList(
        missing.map((flag) => `--${flag.name}`),
        'and',
      )}.`,
      helpHint,
    );
  }
  if (spec.argument) checkArgument(command, spec.argument, argument);
  if (spec.commandLine && options.commandLine.length === 0) {
    throw new UsageError(
      `${where} needs a command to run after \`--\`.`,
      `Usage: ${usageLine(command, spec)}.`,
    );
  }
  return options;
}

/** The usage line of a command, made from the table: `sso-tui export --account A … [--force]`. */
export function usageLine(
  command: CommandName | undefined,
  spec: CommandSpec = commandSpec(command),
): string {
  const parts = ['sso-tui', ...(command ? [command] : [])];
  for (const { name, required } of spec.flags) {
    const flag: FlagSpec = FLAGS[name];
    const written = flag.value ? `--${name} ${flag.value.placeholder}` : `--${name}`;
    parts.push(required ? written : `[${written}]`);
  }
  if (spec.argument) parts.push(spec.argument.choices.join('|'));
  if (spec.commandLine) parts.push('-- CMD [ARGS…]');
  return parts.join(' ');
}

function tokenize(words: readonly string[]): Token[] {
  const tokens: Token[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (!word.startsWith('-') || word === '-') {
      tokens.push({ kind: 'positional', text: word });
      continue;
    }
    const equals = word.indexOf('=');
    const typed = word.startsWith('--') && equals > 0 ? word.slice(0, equals) : word;
    const inline = typed === word ? undefined : word.slice(equals + 1);
    const flag = typed.startsWith('--') ? BY_LONG.get(typed.slice(2)) : BY_SHORT.get(typed.slice(1));
    if (!flag) {
      tokens.push({ kind: 'unknown-flag', typed });
      continue;
    }
    if (!flag.value || inline !== undefined) {
      tokens.push({ kind: 'flag', flag, typed, ...(inline === undefined ? {} : { value: inline }) });
      continue;
    }
    const next = words[index + 1];
    // A value never starts with a dash here (`--role --json` lacks the role); `--role=-x` says it plainly.
    if (next === undefined || (next.startsWith('-') && next !== '-')) {
      tokens.push({ kind: 'missing-value', flag, typed });
      continue;
    }
    tokens.push({ kind: 'flag', flag, typed, value: next });
    index++;
  }
  return tokens;
}

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

function unknownCommand(word: string): UsageError {
  const [near] = closestWords(word, COMMANDS);
  return new UsageError(
    `Unknown command ${quoted(word)}.`,
    near ? `Did you mean \`sso-tui ${near}\`?` : `Commands: ${COMMANDS.join(', ')}.`,
  );
}

function checkValue(flag: FlagSpec, raw: string): string {
  const value = raw.trim();
  if (value === '') throw new UsageError(`--${flag.name} needs a value: ${KIND_WORDS[flag.value!.kind]}.`);
  switch (flag.value?.kind) {
    case 'port': {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
        throw new UsageError(`--${flag.name} must be a port number from 1 to 65535, not ${quoted(raw)}.`);
      }
      return value;
    }
    case 'start-url': {
      const url = normalizeStartUrl(value);
      if (url === undefined) {
        throw new UsageError(
          `--${flag.name} must be an AWS access portal URL like https://my-org.awsapps.com/start, not ${quoted(raw)}.`,
        );
      }
      return url;
    }
    case 'region':
      if (!isRegionName(value)) {
        throw new UsageError(`--${flag.name} must be an AWS region like us-east-1, not ${quoted(raw)}.`);
      }
      return value;
    case 'shell':
      if (!(ENV_SHELLS as readonly string[]).includes(value)) {
        const [near] = closestWords(value, ENV_SHELLS);
        throw new UsageError(
          `--${flag.name} must be one of ${wordList(ENV_SHELLS, 'or')}, not ${quoted(raw)}.`,
          near ? `Did you mean ${near}?` : undefined,
        );
      }
      return value;
    default:
      return value;
  }
}

function checkArgument(
  command: CommandName | undefined,
  argument: NonNullable<CommandSpec['argument']>,
  given: string | undefined,
): void {
  const choices = wordList(argument.choices, 'or');
  if (given === undefined) throw new UsageError(`\`sso-tui ${command}\` needs ${choices}.`);
  if (!argument.choices.includes(given)) {
    throw new UsageError(`\`sso-tui ${command}\` takes ${choices}, not ${quoted(given)}.`);
  }
}

function envShell(name: string): EnvShell {
  if (name === 'fish') return 'fish';
  if (name === 'powershell' || name === 'pwsh') return 'powershell';
  return 'sh';
}

function wordList(words: readonly string[], last: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

function mapDefined<T>(value: string | undefined, map: (value: string) => T): T | undefined {
  return value === undefined ? undefined : map(value);
}

function defined<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return value === undefined ? {} : ({ [key]: value } as { [K in Key]?: Value });
}
