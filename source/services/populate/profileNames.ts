import { UsageError } from '../errors.js';

/** One account × role pair the session grants. */
export interface RolePair {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

export const DEFAULT_PROFILE_TEMPLATE = '{account_name}.{role_name}';

const PLACEHOLDERS = ['account_name', 'account_id', 'role_name', 'session'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/** A profile name template, checked once: literal text and placeholders in order. */
export interface ProfileTemplate {
  readonly text: string;
  readonly parts: readonly ({ readonly literal: string } | { readonly placeholder: Placeholder })[];
}

/** `--template` names a placeholder that does not exist, or leaves a brace open. */
export class InvalidTemplateError extends UsageError {
  override readonly name: string = 'InvalidTemplateError';
  constructor(
    readonly template: string,
    readonly problem: string,
  ) {
    super(
      `The profile name template ${JSON.stringify(template)} ${problem}.`,
      `Use ${PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}; the default is ${DEFAULT_PROFILE_TEMPLATE}.`,
    );
  }
}

export function parseProfileTemplate(text: string): ProfileTemplate {
  const parts: ProfileTemplate['parts'][number][] = [];
  let rest = text;
  while (rest !== '') {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (close !== -1 && (open === -1 || close < open))
      throw new InvalidTemplateError(text, 'has a stray "}"');
    if (open === -1) {
      parts.push({ literal: rest });
      break;
    }
    if (open > 0) parts.push({ literal: rest.slice(0, open) });
    if (close === -1) throw new InvalidTemplateError(text, 'leaves a "{" open');
    const name = rest.slice(open + 1, close);
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new InvalidTemplateError(text, `has the unknown placeholder {${name}}`);
    }
    parts.push({ placeholder: name as Placeholder });
    rest = rest.slice(close + 1);
  }
  if (!parts.some((part) => 'placeholder' in part)) {
    throw new InvalidTemplateError(text, 'has no placeholder, so every profile would get one name');
  }
  return { text, parts };
}

/**
 * What a profile name may hold: letters, digits and `. _ - / +`. The SDKs read more (`@ % :`), but `:` and
 * `@` split words in bash completion, `%` starts a job name, and white space, quotes and `$` need quoting
 * in every shell; a name that starts with `-` reads as a flag on a command line.
 */
const UNSAFE_RUN = /[^A-Za-z0-9._/+-]+/g;
const EDGE = /^[-.+/]+|[-.+/]+$/g;

/** The name a template gives one pair on its own, before names are made unique. */
export function renderProfileName(template: ProfileTemplate, pair: RolePair, session: string): string {
  const text = template.parts
    .map((part) => ('literal' in part ? part.literal : placeholderValue(part.placeholder, pair, session)))
    .join('');
  return safeName(text);
}

function placeholderValue(placeholder: Placeholder, pair: RolePair, session: string): string {
  switch (placeholder) {
    case 'account_name':
      return pair.accountName;
    case 'account_id':
      return pair.accountId;
    case 'role_name':
      return pair.roleName;
    case 'session':
      return session;
  }
}

/** Accents are dropped rather than replaced (`café` → `cafe`); any other run of unsafe characters is one `-`. */
export function safeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNSAFE_RUN, '-')
    .replace(EDGE, '');
}

/** Names populate never gives: `default` is the SDKs' default profile, `__proto__` breaks the JS SDK's reader. */
const RESERVED: ReadonlySet<string> = new Set(['default', '__proto__']);

/**
 * A name for every pair, no two alike. Pairs whose names collide all get `-<account id>` appended, so a name
 * depends only on the set of pairs, not on the order they were listed in; a collision left after that (two
 * roles of one account that differ only in unsafe characters) is settled with `-2`, `-3`… in account id and
 * role name order. An empty or reserved name falls back to the account id and role name.
 */
export function uniqueProfileNames(
  template: ProfileTemplate,
  pairs: readonly RolePair[],
  session: string,
): Map<RolePair, string> {
  const sorted = [...pairs].sort(comparePairs);
  const base = new Map<RolePair, string>();
  for (const pair of sorted) {
    const name = renderProfileName(template, pair, session);
    base.set(pair, name === '' || RESERVED.has(name) ? fallbackName(pair) : name);
  }
  const counts = countValues(base.values());
  const withIds = new Map<RolePair, string>();
  for (const pair of sorted) {
    const name = base.get(pair) as string;
    withIds.set(pair, (counts.get(name) ?? 0) > 1 ? `${name}-${pair.accountId}` : name);
  }
  // A suffixed name must not be one another pair gets as it is (an account really named `x-2`).
  const plain = new Set(withIds.values());
  const given = new Set<string>();
  const result = new Map<RolePair, string>();
  for (const pair of sorted) {
    const name = withIds.get(pair) as string;
    let unique = name;
    for (let suffix = 2; given.has(unique); suffix++) {
      unique = `${name}-${suffix}`;
      if (plain.has(unique)) unique = name;
    }
    given.add(unique);
    result.set(pair, unique);
  }
  return result;
}

function fallbackName(pair: RolePair): string {
  return safeName(`${pair.accountId}.${pair.roleName}`) || pair.accountId;
}

function comparePairs(a: RolePair, b: RolePair): number {
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  return a.roleName < b.roleName ? -1 : a.roleName > b.roleName ? 1 : 0;
}

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
