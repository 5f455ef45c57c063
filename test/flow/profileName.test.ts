import { describe, expect, it } from 'vitest';
import { profileNameProblem, proposeProfileName } from '../../source/flow/profileName.js';
import {
  DEFAULT_PROFILE_TEMPLATE,
  parseProfileTemplate,
  renderProfileName,
} from '../../source/services/populate/profileNames.js';

const picks = {
  favorites: [],
  recents: [],
  profileNames: { '111111111111/Admin': 'mine' },
  accountRegions: {},
};
const account = (accountName: string) => ({
  accountId: '222222222222',
  accountName,
  emailAddress: 'a@example.com',
});

describe('the profile name the export dialog proposes', () => {
  it('is --profile first, then the name last used for the pair', () => {
    expect(proposeProfileName(account('payments'), 'Admin', picks, 'given')).toBe('given');
    expect(proposeProfileName({ ...account('payments'), accountId: '111111111111' }, 'Admin', picks)).toBe(
      'mine',
    );
  });

  it('is otherwise made as populate makes one from {account_name}-{role_name}, and the dialog accepts it', () => {
    const template = parseProfileTemplate(DEFAULT_PROFILE_TEMPLATE);
    for (const name of ['café prod', 'team/payments+eu', '--edge..', 'a*b $x', 'платежи']) {
      const proposed = proposeProfileName(account(name), 'Admin', picks);
      const pair = { accountId: '222222222222', accountName: name, roleName: 'Admin' };
      expect(proposed, name).toBe(renderProfileName(template, pair, 'work') || '222222222222.Admin');
      expect(profileNameProblem(proposed), name).toBeUndefined();
    }
    expect(proposeProfileName(account('café prod'), 'Admin', picks)).toBe('cafe-prod.Admin');
    expect(proposeProfileName(account('платежи'), 'Admin', picks)).toBe('Admin');
    // Nothing left of the names: the account id stands in for the account name.
    expect(proposeProfileName(account('***'), '+++', picks)).toBe('222222222222');
  });
});
