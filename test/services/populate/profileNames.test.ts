import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateProfileName } from '../../../source/services/awsFiles/awsConfigFile.js';
import {
  DEFAULT_PROFILE_TEMPLATE,
  InvalidTemplateError,
  parseProfileTemplate,
  renderProfileName,
  safeName,
  uniqueProfileNames,
  type RolePair,
} from '../../../source/services/populate/profileNames.js';
import { UsageError } from '../../../source/services/errors.js';

const pair = (accountId: string, accountName: string, roleName: string): RolePair => ({
  accountId,
  accountName,
  roleName,
});
const DEFAULT = parseProfileTemplate(DEFAULT_PROFILE_TEMPLATE);

describe('profile name templates', () => {
  it('renders the default from account name and role name', () => {
    expect(
      renderProfileName(DEFAULT, pair('111122223333', 'payments-prod', 'AdministratorAccess'), 'work'),
    ).toBe('payments-prod.AdministratorAccess');
  });

  it('fills every placeholder', () => {
    const template = parseProfileTemplate('{session}/{account_id}/{account_name}/{role_name}');
    expect(renderProfileName(template, pair('111122223333', 'dev', 'ReadOnly'), 'corp')).toBe(
      'corp/111122223333/dev/ReadOnly',
    );
  });

  it.each([
    ['{account}', 'unknown placeholder {account}'],
    ['{account_name', 'leaves a "{" open'],
    ['x}{role_name}', 'stray "}"'],
    ['fixed', 'no placeholder'],
  ])('refuses %s as a usage error', (text, problem) => {
    let thrown: unknown;
    try {
      parseProfileTemplate(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTemplateError);
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toContain(problem);
  });
});

/** Any code points, lone surrogates included (fast-check's 'binary' unit is slow to generate on a busy machine). */
const anyText = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0x10ffff })), {
    maxLength: 24,
  })
  .map((codes) =>
    codes
      .map((code) =>
        code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code),
      )
      .join(''),
  );

describe('safe names', () => {
  it.each([
    ['My Account (prod)', 'My-Account-prod'],
    ['café:admin@x', 'cafe-admin-x'],
    ['-leading and trailing-', 'leading-and-trailing'],
    ['a$b`c"d\'e;f|g&h', 'a-b-c-d-e-f-g-h'],
    ['tab\there\u001b[31m', 'tab-here-31m'],
    ['中文', ''],
  ])('%j → %j', (text, expected) => {
    expect(safeName(text)).toBe(expected);
  });

  it('gives only names both SDKs read and no shell needs to quote', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const name = safeName(text);
        if (name === '') return;
        expect(validateProfileName(name)).toBe(name);
        expect(name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._/+-]*$/);
      }),
    );
  });
});

describe('unique names', () => {
  it('keeps names that do not collide as the template gives them', () => {
    const pairs = [pair('111111111111', 'dev', 'Admin'), pair('222222222222', 'prod', 'Admin')];
    expect([...uniqueProfileNames(DEFAULT, pairs, 'work').values()]).toEqual(['dev.Admin', 'prod.Admin']);
  });

  it('appends the account id to every name two accounts share, whatever the listing order', () => {
    const a = pair('222222222222', 'shared', 'Admin');
    const b = pair('111111111111', 'shared', 'Admin');
    const c = pair('333333333333', 'Shared', 'Admin');
    for (const order of [
      [a, b, c],
      [c, b, a],
    ]) {
      const names = uniqueProfileNames(DEFAULT, order, 'work');
      expect(names.get(a)).toBe('shared.Admin-222222222222');
      expect(names.get(b)).toBe('shared.Admin-111111111111');
      expect(names.get(c)).toBe('Shared.Admin');
    }
  });

  it('numbers roles of one account that differ only in unsafe characters, skipping names others hold', () => {
    const pairs = [
      pair('111111111111', 'dev', 'Role A'),
      pair('111111111111', 'dev', 'Role:A'),
      pair('111111111111', 'dev', 'Role@A'),
      pair('222222222222', 'x', 'y'),
    ];
    const template = parseProfileTemplate('{role_name}');
    const taken = parseProfileTemplate('{account_name}');
    expect([...uniqueProfileNames(template, pairs, 'work').values()].sort()).toEqual([
      'Role-A-111111111111',
      'Role-A-111111111111-2',
      'Role-A-111111111111-3',
      'y',
    ]);
    const clash = [
      pair('111111111111', 'a-2', 'R'),
      pair('222222222222', 'a', 'R'),
      pair('333333333333', 'a', 'R'),
    ];
    const names = uniqueProfileNames(taken, clash, 'work');
    expect(new Set(names.values()).size).toBe(3);
    expect(names.get(clash[0] as RolePair)).toBe('a-2');
  });

  it('falls back to the account id for a name that would be empty or reserved', () => {
    const names = uniqueProfileNames(
      DEFAULT,
      [pair('111111111111', '中文', '管理'), pair('222222222222', 'default', 'x')],
      'work',
    );
    expect([...names.values()]).toEqual(['111111111111', 'default.x']);
    const reserved = uniqueProfileNames(
      parseProfileTemplate('{account_name}'),
      [pair('2', 'default', 'x')],
      'w',
    );
    expect([...reserved.values()]).toEqual(['2.x']);
  });

  it('never gives two pairs one name', () => {
    const pairs = fc.array(
      fc.record({
        accountId: fc.constantFrom('111111111111', '222222222222', '333333333333'),
        accountName: fc.constantFrom('a', 'a-2', 'b', 'a 2', 'default', ''),
        roleName: fc.constantFrom('R', 'R-2', 'r', 'R 2', 'R@2'),
      }),
      { maxLength: 30 },
    );
    const templates = fc.constantFrom(
      '{account_name}',
      '{role_name}',
      DEFAULT_PROFILE_TEMPLATE,
      '{account_name}-{role_name}',
    );
    fc.assert(
      fc.property(pairs, templates, (listed, text) => {
        const distinct = [...new Map(listed.map((p) => [`${p.accountId}/${p.roleName}`, p])).values()];
        const names = uniqueProfileNames(parseProfileTemplate(text), distinct, 'work');
        expect(new Set(names.values()).size).toBe(distinct.length);
        for (const name of names.values()) expect(validateProfileName(name)).toBe(name);
      }),
    );
  });
});
