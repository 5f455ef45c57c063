import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../support/awsFileReadings.js';
import {
  applyPopulatePlan,
  hasChanges,
  MANAGED_KEY,
  planPopulate,
  type PopulateRequest,
  type WantedProfile,
} from '../../../source/services/populate/populatePlan.js';

const wanted = (name: string, accountId: string, roleName: string): WantedProfile => ({
  name,
  pair: { accountId, accountName: name, roleName },
});

const request = (
  profiles: readonly WantedProfile[],
  more: Partial<PopulateRequest> = {},
): PopulateRequest => ({
  ssoSession: 'work',
  region: 'eu-west-1',
  profiles,
  prune: false,
  listingComplete: true,
  ...more,
});

const HAND_WRITTEN = [
  '# my own settings',
  '[default]',
  'region = us-east-1',
  '',
  '[profile dev.Admin]',
  'region = us-west-2 ; hand-written',
  '',
  '[sso-session work]',
  'sso_start_url = https://example.awsapps.com/start',
  'sso_region = eu-west-1',
  '',
].join('\n');

function populate(text: string, req: PopulateRequest): string {
  return applyPopulatePlan(text, planPopulate(text, req));
}

describe('planPopulate', () => {
  it('adds managed SSO profiles after what is there, keeping every other byte', () => {
    const next = populate(HAND_WRITTEN, request([wanted('prod.Admin', '111111111111', 'Admin')]));
    expect(next.startsWith(HAND_WRITTEN)).toBe(true);
    expect(readConfigFile(next).profiles.get('prod.Admin')).toEqual({
      sso_session: 'work',
      sso_account_id: '111111111111',
      sso_role_name: 'Admin',
      region: 'eu-west-1',
      [MANAGED_KEY]: 'true',
    });
  });

  it('is idempotent: a second plan over its own result changes nothing', () => {
    const profiles = [
      wanted('prod.Admin', '111111111111', 'Admin'),
      wanted('qa.Read', '222222222222', 'Read'),
    ];
    const once = populate(HAND_WRITTEN, request(profiles));
    const plan = planPopulate(once, request(profiles));
    expect(hasChanges(plan)).toBe(false);
    expect(plan.unchanged).toBe(2);
    expect(applyPopulatePlan(once, plan)).toBe(once);
  });

  it('reports a hand-written profile of the same name as a clash and leaves it alone', () => {
    const plan = planPopulate(HAND_WRITTEN, request([wanted('dev.Admin', '111111111111', 'Admin')]));
    expect(plan.clashes).toEqual([expect.objectContaining({ name: 'dev.Admin', reason: 'hand-written' })]);
    expect(hasChanges(plan)).toBe(false);
    expect(applyPopulatePlan(HAND_WRITTEN, plan)).toBe(HAND_WRITTEN);
  });

  it('leaves a profile it wrote for another session alone', () => {
    const other = populate('', { ...request([wanted('x', '111111111111', 'Admin')]), ssoSession: 'other' });
    const plan = planPopulate(other, request([wanted('x', '111111111111', 'Admin')], { prune: true }));
    expect(plan.clashes).toEqual([expect.objectContaining({ name: 'x', reason: 'other-session' })]);
    expect(plan.removed).toEqual([]);
  });

  it('changes the keys it owns in a managed profile and keeps keys the user added', () => {
    const once = populate(HAND_WRITTEN, request([wanted('prod.Admin', '111111111111', 'Admin')]));
    const edited = once.replace(`${MANAGED_KEY} = true\n`, `${MANAGED_KEY} = true\noutput = json # mine\n`);
    const next = populate(
      edited,
      request([wanted('prod.Admin', '111111111111', 'Admin')], { region: 'us-east-2' }),
    );
    expect(next).toContain('output = json # mine\n');
    expect(next).toContain('region = us-east-2\n');
    expect(next).not.toContain('region = eu-west-1\nsso_tui');
  });

  it('prunes only managed profiles of this session whose pair is gone', () => {
    const profiles = [wanted('a', '111111111111', 'Admin'), wanted('b', '222222222222', 'Admin')];
    const once = populate(HAND_WRITTEN, request(profiles));
    const plan = planPopulate(once, request([profiles[0] as WantedProfile], { prune: true }));
    expect(plan.removed).toEqual([{ name: 'b', accountId: '222222222222', roleName: 'Admin' }]);
    const next = applyPopulatePlan(once, plan);
    expect(readConfigFile(next).profiles.has('b')).toBe(false);
    expect(readConfigFile(next).profiles.has('a')).toBe(true);
    expect(next.startsWith(HAND_WRITTEN)).toBe(true);
  });

  it('prunes a managed profile whose marker and session stand in two sections of its name', () => {
    const text =
      '[profile gone]\nsso_session = work\nsso_account_id = 333333333333\nsso_role_name = Admin\n' +
      `[profile gone]\n${MANAGED_KEY} = true\n` +
      `[profile other]\nsso_session = elsewhere\nnote = work\n${MANAGED_KEY} = true\n`;
    const plan = planPopulate(text, request([], { prune: true }));
    expect(plan.removed).toEqual([{ name: 'gone', accountId: '333333333333', roleName: 'Admin' }]);
  });

  it('prunes nothing without --prune or after a listing cut short', () => {
    const once = populate('', request([wanted('a', '111111111111', 'Admin')]));
    expect(planPopulate(once, request([])).removed).toEqual([]);
    const cut = planPopulate(once, request([], { prune: true, listingComplete: false }));
    expect(cut.removed).toEqual([]);
    expect(cut.pruneSkipped).toBe(true);
  });

  it('keeps CRLF line ends', () => {
    const crlf = HAND_WRITTEN.replaceAll('\n', '\r\n');
    const next = populate(crlf, request([wanted('prod.Admin', '111111111111', 'Admin')]));
    expect(next.startsWith(crlf)).toBe(true);
    expect(next.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('drops legacy sso_start_url/sso_region from a managed profile it changes', () => {
    const once = populate('', request([wanted('a', '111111111111', 'Admin')]));
    const legacy = once.replace('sso_session = work\n', 'sso_session = work\nsso_start_url = https://x\n');
    const plan = planPopulate(legacy, request([wanted('a', '111111111111', 'Admin')]));
    expect(plan.changed.map((p) => p.name)).toEqual(['a']);
    expect(applyPopulatePlan(legacy, plan)).toBe(once);
  });
});

describe('planPopulate and empty sections', () => {
  it('treats a hand-written [profile x] with no keys yet as a clash rather than writing the header twice', () => {
    const text = '[profile a]\n# to fill in later\n';
    const plan = planPopulate(text, request([wanted('a', '111111111111', 'Admin')]));
    expect(plan.clashes).toEqual([expect.objectContaining({ name: 'a', reason: 'hand-written' })]);
    expect(plan.added).toEqual([]);
  });

  it('appends many profiles in one piece, in the file’s line ends', () => {
    const profiles = Array.from({ length: 50 }, (_, index) =>
      wanted(`p${index}`, '111111111111', `R${index}`),
    );
    const crlf = HAND_WRITTEN.replaceAll('\n', '\r\n');
    const next = populate(crlf, request(profiles));
    expect(next.startsWith(crlf)).toBe(true);
    expect(next.replaceAll('\r\n', '')).not.toContain('\n');
    expect(readConfigFile(next).profiles.size).toBe(52);
    expect(next.endsWith(`${MANAGED_KEY} = true\r\n`)).toBe(true);
    expect(next).toContain(`${MANAGED_KEY} = true\r\n\r\n[profile p1]\r\n`);
  });
});
