import { sessionNameForProfiles } from '../services/ssoSession.js';
import { checkRewritable } from '../services/awsFiles/safeWrite.js';
import { UsageError } from '../services/errors.js';
import { exportSsoProfile, exportStaticProfile, type ExportedProfile } from '../services/profileExport.js';
import { terminalText } from '../services/terminalText.js';
import type { CommandContext } from './context.js';
import { requireToken } from './signIn.js';
import { chooseAccountRole, fetchRoleCredentials } from './roleCredentials.js';

/**
 * `sso-tui export`: static credentials into `[P]` of the credentials file, or with --sso-profile a
 * `[profile P]` in the config file that points at the sso-session, so the SDKs refresh by themselves.
 */
export async function exportCommand(context: CommandContext): Promise<void> {
  const { options, io } = context;
  if (!options.profile) throw new UsageError('`sso-tui export` needs --profile.', 'See `sso-tui --help`.');
  // A FIFO or device in the file's place is refused before the portal is asked for anything.
  await checkRewritable(options.ssoProfile ? context.configFile : context.credentialsFile);
  if (options.ssoProfile) {
    const ssoSession = sessionNameForProfiles(context.session);
    const { account, roleName } = await chooseAccountRole(
      context,
      context.portal(await requireToken(context)),
    );
    const written = await exportSsoProfile({
      file: context.configFile,
      profile: options.profile,
      force: options.force,
      backups: context.backups,
      ssoSession,
      accountId: account.accountId,
      roleName,
      region: context.awsRegion(account.accountId),
    });
    noteNarrowedMode(io, written);
    io.stderr.write(
      terminalText(
        `Wrote the SSO profile '${written.profile}' (${roleName} in ${account.accountId}) to ${written.file}.`,
      ) + '\n',
    );
    return;
  }
  const { account, roleName, credentials } = await fetchRoleCredentials(context);
  const written = await exportStaticProfile({
    file: context.credentialsFile,
    profile: options.profile,
    force: options.force,
    backups: context.backups,
    credentials,
  });
  noteNarrowedMode(io, written);
  io.stderr.write(
    terminalText(
      `Wrote the profile '${written.profile}' (${roleName} in ${account.accountId}) to ${written.file}; ` +
        `the credentials expire at ${credentials.expiration.toLocaleString()}.`,
    ) + '\n',
  );
}

function noteNarrowedMode(io: CommandContext['io'], written: ExportedProfile): void {
  if (written.narrowedFromMode === undefined) return;
  const mode = written.narrowedFromMode.toString(8).padStart(4, '0');
  io.stderr.write(
    terminalText(`Note: ${written.file} was readable by others (mode ${mode}); it is 0600 now.`) + '\n',
  );
}
