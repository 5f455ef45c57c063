import { dirname } from 'node:path';
import { isAccountId } from '../services/accountChoice.js';
import { listCacheFile, readListCache, type AccountLists } from '../services/listCache.js';
import { configFilePath, readSsoSessions } from '../services/sessionConfig.js';
import { Settings } from '../services/settings.js';
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
  COMMAND_OPTIONS,
  COMMANDS,
  COMPLETION_SHELLS,
  GLOBAL_OPTIONS,
  SPEC,
  type CliOptions,
} from './options.js';

/**
 * `sso-tui completion bash|zsh|fish` prints a completion script; `completion accounts|roles|sessions` prints
 * the names the scripts complete, one a line, from the cached lists and the config file only.
 */
export async function completion(options: CliOptions, io: Io): Promise<number> {
  switch (options.completionTarget) {
    case 'bash':
      io.stdout.write(bashScript(completionModel()));
      return 0;
    case 'zsh':
      io.stdout.write(zshScript(completionModel()));
      return 0;
    case 'fish':
      io.stdout.write(fishScript(completionModel()));
      return 0;
    case 'sessions':
      io.stdout.write(
        lines((await readSsoSessions(configFilePath(io.homeDir, io.env))).map((s) => s.name ?? '')),
      );
      return 0;
    case 'accounts':
      io.stdout.write(lines(accountWords(await cachedLists(options, io))));
      return 0;
    case 'roles':
      io.stdout.write(lines(roleWords(await cachedLists(options, io), options.account)));
      return 0;
    case undefined:
      return 2;
  }
}

function lines(words: Iterable<string>): string {
  const unique = [...new Set(words)].filter((word) => word !== '' && !/[\p{Cc}\p{Cf}]/u.test(word));
  return unique.map((word) => `${word}\n`).join('');
}

function accountWords(lists: readonly AccountLists[]): string[] {
  return lists.flatMap((list) =>
    list.accounts.flatMap((account) => [account.accountName, account.accountId]),
  );
}

function roleWords(lists: readonly AccountLists[], account: string | undefined): string[] {
  const wanted = account?.toLowerCase();
  return lists.flatMap((list) =>
    list.accounts
      .filter(
        (entry) =>
          wanted === undefined ||
          (isAccountId(account ?? '')
            ? entry.accountId === account
            : entry.accountName.toLowerCase() === wanted),
      )
      .flatMap((entry) => list.roles.get(entry.accountId) ?? []),
  );
}

/** The cached lists of the session named on the line, or of every configured session. */
async function cachedLists(options: CliOptions, io: Io): Promise<AccountLists[]> {
  const sessions = await readSsoSessions(configFilePath(io.homeDir, io.env));
  const chosen = options.ssoSession
    ? sessions.filter((session) => session.name === options.ssoSession)
    : sessions;
  const stateFolder = dirname(new Settings(io.stateFolder ? { folder: io.stateFolder } : {}).path);
  const lists = await Promise.all(
    chosen.map((session) => readListCache(listCacheFile(stateFolder, session))),
  );
  return lists.filter((list): list is AccountLists => list !== undefined);
}

const VALUE_KINDS: Record<string, ValueKind> = {
  account: 'account',
  role: 'role',
  'sso-session': 'session',
  shell: ['sh', 'fish', 'powershell'],
};

function flag(name: string): CompletionFlag {
  const spec = SPEC[name as keyof typeof SPEC];
  return {
    name,
    summary: name,
    ...(spec.type === 'string' ? { value: VALUE_KINDS[name] ?? 'none' } : {}),
  };
}

function completionModel(): CompletionModel {
  return {
    program: 'sso-tui',
    globalFlags: GLOBAL_OPTIONS.map(flag),
    commands: COMMANDS.map((name) => ({
      name,
      summary: name,
      flags: COMMAND_OPTIONS[name].map(flag),
      ...(name === 'completion' ? { arguments: COMPLETION_SHELLS } : {}),
    })),
  };
}
