import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../source/services/errors.js';
import type { Account } from '../../source/services/portal.js';
import type { SsoSession } from '../../source/services/ssoSession.js';
import { App } from '../../source/ui/App.js';
import { clock, createFakeServices, NOW } from './fakeServices.js';
import { KEYS, renderTerminal, type Terminal } from './terminal.js';
import { effectRunner } from '../../source/app/effects/effectRunner.js';

const CTRL_O = '\u000F';
const session: SsoSession = {
  name: 'corp',
  startUrl: 'https://corp.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};
const account = (accountId: string, accountName: string): Account => ({
  accountId,
  accountName,
  emailAddress: `aws+${accountName}@example.com`,
});
const prod = account('111111111111', 'payments-prod');
const dev = account('222222222222', 'payments-dev');
const audit = account('333333333333', 'audit');

function start(failures?: Map<string, unknown[]>) {
  const fake = createFakeServices({
    accounts: [prod, dev, audit],
    roles: new Map([
      [prod.accountId, ['AdministratorAccess', 'ReadOnlyAccess']],
      [dev.accountId, ['DeveloperAccess']],
      [audit.accountId, ['SecurityAudit']],
    ]),
    signIn: { expiresAt: new Date(NOW.getTime() + 8 * 3600 * 1000) },
    ...(failures ? { failures } : {}),
  });
  const terminal = renderTerminal(
    <App
      services={fake.services}
      effects={effectRunner(fake.services, clock)}
      sessions={[session]}
      clock={clock}
    />,
  );
  return { ...fake, terminal };
}

afterEach(cleanup);

/** Role names are searchable once their lists arrived: then the query is cleared again. */
async function rolesKnown(terminal: Terminal): Promise<void> {
  await terminal.waitFor('3 / 3');
  terminal.press('SecurityAudit');
  await terminal.waitFor('audit / SecurityAudit');
  terminal.press(KEYS.ctrlU);
  await terminal.waitFor('3 / 3');
}

describe('Ctrl-O on the accounts screen', () => {
  it('writes SSO profiles for the rows the query leaves, each account row standing for its roles', async () => {
    const { terminal, calls } = start();
    await rolesKnown(terminal);
    terminal.press('payments');
    await terminal.waitFor('2 / 3');
    terminal.press(CTRL_O);
    await terminal.waitFor('SSO profiles in /home/u/.aws/config: 3 added');
    expect(calls.populated).toHaveLength(1);
    expect(calls.populated[0]!.map((pair) => `${pair.account.accountName}/${pair.roleName}`).sort()).toEqual([
      'payments-dev/DeveloperAccess',
      'payments-prod/AdministratorAccess',
      'payments-prod/ReadOnlyAccess',
    ]);
  });

  it('says why when nothing could be written', async () => {
    const failures = new Map<string, unknown[]>([
      ['populateProfiles', [new UserError('The file is read-only.')]],
    ]);
    const { terminal } = start(failures);
    await rolesKnown(terminal);
    terminal.press(CTRL_O);
    await terminal.waitFor('No profiles were written: The file is read-only.');
  });
});
