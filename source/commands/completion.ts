import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isAccountId } from './accountChoice.js';
import { UsageError } from '../services/errors.js';
import { listCacheFile, readListCache, type AccountLists } from '../services/listCache.js';
import { IDENTITY_CENTER_REGIONS } from '../services/regions.js';
import { configFilePath, readSsoSessions } from '../services/sessionConfig.js';
import { StateStore } from '../services/stateStore.js';
import { hasControlCharacters } from '../services/terminalText.js';
import type { Io } from './context.js';
import {
  bashScript,
  fishScript,
  zshScript,
  type CompletionFlag,
  type CompletionModel,
  type ValueKind,
} from './completionScripts.js';
import {
  COMMAND_TABLE,
  COMMANDS,
  COMPLETE_NAMES_COMMAND,
  FLAGS,
  GLOBAL_FLAGS,
  VALUE_CHOICES,
  type CliOptions,
  type CommandFlag,
  type FlagName,
  type FlagSpec,
} from './options.js';

/** `sso-tui completion bash|zsh|fish`: the script, made from the option table. */
export async function completion(options: CliOptions, io: Io): Promise<number> {
  const model = completionModel();
  const scripts = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;
  const shell = options.argument as keyof typeof scripts;
  io.stdout.write(scripts[shell](model));
  return 0;
}

/**
 * `sso-tui __complete accounts|roles|sessions [--sso-session S] [--account A]` prints the names a script
 * completes, one a line, from the cached lists and the config file only: no
 * network, no sign-in. A name with a control character is left out: it could not be typed, and shown it
 * would be an escape sequence on the command line.
 */
export async function completeNames(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { 'sso-session': { type: 'string' }, account: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}`);
  }
  const [what] = parsed.positionals;
  const sessions = await readSsoSessions(configFilePath(io.homeDir, io.env));
  if (what === 'sessions') {
    io.stdout.write(lines(sessions.map((session) => session.name ?? '')));
    return 0;
  }
  const wanted = parsed.values['sso-session'];
  const chosen = wanted ? sessions.filter((session) => session.name === wanted) : sessions;
  const stateFolder = dirname(new StateStore(io.stateFolder ? { folder: io.stateFolder } : {}).path);
  const lists = (
    await Promise.all(chosen.map((session) => readListCache(listCacheFile(stateFolder, session))))
  ).filter((list): list is AccountLists => list !== undefined);
  if (what === 'accounts') {
    io.stdout.write(
      lines(lists.flatMap((list) => list.accounts.flatMap((a) => [a.accountName, a.accountId]))),
    );
    return 0;
  }
  if (what === 'roles') {
    io.stdout.write(lines(roleNames(lists, parsed.values.account)));
    return 0;
  }
  throw new UsageError(`${COMPLETE_NAMES_COMMAND} lists accounts, roles or sessions.`);
}

function lines(words: Iterable<string>): string {
  const unique = [...new Set(words)].filter((word) => word !== '' && !hasControlCharacters(word));
  return unique.map((word) => `${word}\n`).join('');
}

/** Role names of the account named (by id, or by name but for case), or of every account. */
function roleNames(lists: readonly AccountLists[], account: string | undefined): string[] {
  const lower = account?.toLowerCase();
  const matches = (accountId: string, accountName: string): boolean =>
    account === undefined ||
    (isAccountId(account) ? accountId === account : accountName.toLowerCase() === lower);
  return lists.flatMap((list) =>
    list.accounts
      .filter((entry) => matches(entry.accountId, entry.accountName))
      .flatMap((entry) => list.roles.get(entry.accountId) ?? []),
  );
}

/** What each kind of value in the table completes from. */
function valueKind(flag: FlagSpec): ValueKind | undefined {
  if (!flag.value) return undefined;
  switch (flag.value.kind) {
    case 'account':
      return 'account';
    case 'role':
      return 'role';
    case 'session':
      return 'session';
    case 'region':
      return IDENTITY_CENTER_REGIONS.map((region) => region.name);
    default:
      return VALUE_CHOICES[flag.value.kind] ?? 'none';
  }
}

function completionFlag(name: FlagName, summary?: string): CompletionFlag {
  const flag: FlagSpec = FLAGS[name];
  const value = valueKind(flag);
  return { name, summary: summary ?? flag.summary, ...(value === undefined ? {} : { value }) };
}

/** The option table as the scripts need it. */
export function completionModel(): CompletionModel {
  return {
    program: 'sso-tui',
    globalFlags: GLOBAL_FLAGS.map((name) => completionFlag(name)),
    commands: COMMANDS.map((name) => {
      const spec = COMMAND_TABLE[name];
      const flags: readonly CommandFlag[] = spec.flags;
      return {
        name,
        summary: spec.summary,
        flags: flags.map((flag) => completionFlag(flag.name, flag.summary)),
        ...('argument' in spec ? { arguments: spec.argument.choices } : {}),
      };
    }),
  };
}
