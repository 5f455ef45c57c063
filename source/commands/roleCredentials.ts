import { chooseAccount, chooseRole, isAccountId } from './accountChoice.js';
import { NotGrantedError, UsageError, UserError } from '../services/errors.js';
import type { Account, Portal, RoleCredentials } from '../services/portal.js';
import type { CommandContext } from './context.js';
import { requireToken } from './signIn.js';

export interface ChosenRole {
  readonly account: Account;
  readonly roleName: string;
}

/** The account and role named by --account and --role, checked against what Identity Center grants. */
export async function chooseAccountRole(context: CommandContext, portal: Portal): Promise<ChosenRole> {
  const { account: wantedAccount, role: wantedRole } = requireAccountRole(context);
  const account = isAccountId(wantedAccount)
    ? { accountId: wantedAccount, accountName: wantedAccount, emailAddress: '' }
    : chooseAccount(await portal.listAccounts(), wantedAccount);
  const roles = await portal.listAccountRoles(account.accountId).catch((error: unknown) => {
    if (error instanceof NotGrantedError && isAccountId(wantedAccount)) {
      throw new UserError(
        `No account ${wantedAccount} is assigned to you.`,
        'Run `sso-tui list` to see your accounts.',
      );
    }
    throw error;
  });
  return { account, roleName: chooseRole(roles, wantedRole, account) };
}

/**
 * Credentials for --account/--role. An account id and an exact role name go straight to GetRoleCredentials
 * (one call, as `credential_process` runs often); anything else is looked up first so a mistake gets a
 * sentence that lists what exists.
 */
export async function fetchRoleCredentials(
  context: CommandContext,
  /** The account --account names, when the caller has already found its id. */
  knownAccountId?: string,
): Promise<ChosenRole & { readonly credentials: RoleCredentials }> {
  const { account: wanted, role } = requireAccountRole(context);
  const account = knownAccountId ?? wanted;
  const portal = context.portal(await requireToken(context));
  if (isAccountId(account)) {
    try {
      const credentials = await rememberedCredentials(context, portal, account, role);
      return {
        account: { accountId: account, accountName: account, emailAddress: '' },
        roleName: role,
        credentials,
      };
    } catch (error) {
      if (!(error instanceof NotGrantedError)) throw error;
    }
  }
  const chosen = await chooseAccountRole(context, portal);
  return {
    ...chosen,
    credentials: await rememberedCredentials(context, portal, chosen.account.accountId, chosen.roleName),
  };
}

/** Role credentials, given to the run's redactor on arrival whichever way the role was chosen. */
async function rememberedCredentials(
  context: CommandContext,
  portal: Portal,
  accountId: string,
  roleName: string,
): Promise<RoleCredentials> {
  const credentials = await portal.getRoleCredentials(accountId, roleName);
  context.redactor.remember(credentials.secretAccessKey, credentials.sessionToken);
  return credentials;
}

function requireAccountRole(context: CommandContext): { account: string; role: string } {
  const { account, role, command } = context.options;
  if (!account || !role) {
    throw new UsageError(`\`sso-tui ${command}\` needs --account and --role.`, 'See `sso-tui --help`.');
  }
  return { account, role };
}
