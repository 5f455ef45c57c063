import { UserError } from '../services/errors.js';
import { sessionNameForProfiles } from '../services/ssoSession.js';
import { cliErrorLine } from './errorWords.js';
import {
  populatePairs,
  type ClashedProfile,
  type PopulatePlan,
  type RemovedProfile,
  type PlannedProfile,
} from '../services/populate/populatePlan.js';
import {
  DEFAULT_PROFILE_TEMPLATE,
  parseProfileTemplate,
  type RolePair,
} from '../services/populate/profileNames.js';
import { terminalText } from '../services/terminalText.js';
import { listAllRoles } from './accountLists.js';
import type { CommandContext } from './context.js';

/**
 * `sso-tui populate`: an SSO profile in the config file for every account × role pair the session grants,
 * named from a template; with --prune, managed profiles whose pair is gone are removed; --dry-run prints
 * the plan (stdout) without writing.
 */
export async function populate(context: CommandContext): Promise<void> {
  const { options, io } = context;
  const ssoSession = sessionNameForProfiles(context.session);
  const template = parseProfileTemplate(options.template ?? DEFAULT_PROFILE_TEMPLATE);
  const listing = await listAllRoles(context, options.refresh);
  const pairs: RolePair[] = listing.accounts.flatMap((account) =>
    (listing.roles.get(account.accountId) ?? []).map((roleName) => ({
      accountId: account.accountId,
      accountName: account.accountName,
      roleName,
    })),
  );
  const plan = await populatePairs(
    context.configFile,
    {
      ssoSession,
      region: context.awsRegion(),
      template,
      pairs,
      prune: options.prune,
      listingComplete: listing.failures.length === 0,
    },
    { dryRun: options.dryRun, backups: context.backups },
  );
  // Account and role names come from Identity Center, the file name from the environment.
  if (options.dryRun)
    io.stdout.write(
      planLines(plan)
        .map((line) => `${terminalText(line)}\n`)
        .join(''),
    );
  io.stderr.write(`${terminalText(summary(context, plan, pairs.length, listing.fromCache))}\n`);
  for (const clash of plan.clashes) io.stderr.write(`${terminalText(clashLine(context, clash))}\n`);
  if (listing.failures.length > 0) {
    const [first] = listing.failures;
    throw new UserError(
      `The roles of ${listing.failures.length} of ${listing.accounts.length} accounts could not be listed ` +
        `(${first?.accountId}: ${cliErrorLine(first?.error)}); their profiles were left as they were` +
        `${plan.pruneSkipped ? ' and nothing was pruned' : ''}.`,
      'Run `sso-tui populate` again.',
    );
  }
}

/** The dry run's plan, one profile a line: `add`, `change` or `remove`, the name, then the pair. */
function planLines(plan: PopulatePlan): string[] {
  const pairText = (profile: PlannedProfile) =>
    `${profile.pair.roleName} in ${profile.pair.accountName} (${profile.pair.accountId})`;
  const removedText = (profile: RemovedProfile) => `${profile.roleName} in ${profile.accountId}`;
  const rows = [
    ...plan.added.map((profile) => ['add', profile.name, pairText(profile)]),
    ...plan.changed.map((profile) => ['change', profile.name, pairText(profile)]),
    ...plan.removed.map((profile) => ['remove', profile.name, removedText(profile)]),
  ];
  const width = Math.max(0, ...rows.map((row) => (row[1] ?? '').length));
  return rows.map(([action, name, pair]) => `${action?.padEnd(6)}  ${name?.padEnd(width)}  ${pair}`);
}

function summary(context: CommandContext, plan: PopulatePlan, pairs: number, fromCache: boolean): string {
  const { dryRun, prune } = context.options;
  const file = context.configFile;
  const source = fromCache ? ' (from the cached lists; --refresh lists anew)' : '';
  const counts = [
    `${dryRun ? 'would add' : 'added'} ${plan.added.length}`,
    `${dryRun ? 'change' : 'changed'} ${plan.changed.length}`,
    ...(prune ? [`${dryRun ? 'remove' : 'removed'} ${plan.removed.length}`] : []),
  ].join(', ');
  const head = `${pairs} account × role pairs${source}: ${counts} profiles in ${file}; ${plan.unchanged} up to date`;
  const skipped = plan.pruneSkipped ? '; nothing pruned, as the listing was not complete' : '';
  return `${head.charAt(0).toUpperCase()}${head.slice(1)}${skipped}.`;
}

function clashLine(context: CommandContext, clash: ClashedProfile): string {
  const owner =
    clash.reason === 'hand-written'
      ? 'a profile sso-tui did not write'
      : 'a profile sso-tui wrote for another sso-session';
  return (
    `Skipped '${clash.name}' (${clash.pair.roleName} in ${clash.pair.accountName}): ` +
    `${context.configFile} has ${owner} of that name. Use --template for other names, or rename that profile.`
  );
}
