import { describe, expect, it } from 'vitest';
import { UserError } from '../../source/services/errors.js';
import { audit, dev, prod, startApp } from './startApp.js';
import { KEYS, type Terminal } from './terminal.js';

/** The organization of startApp, with a third account. */
const start = (failures?: Map<string, unknown[]>) =>
  startApp({ accounts: [prod, dev, audit], ...(failures ? { failures } : {}) });

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
    terminal.press(KEYS.ctrlO);
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
    terminal.press(KEYS.ctrlO);
    await terminal.waitFor('No profiles were written: The file is read-only.');
  });
});
