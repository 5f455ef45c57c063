import { accountRoleKey } from './accountRoleKey.js';
import Conf from 'conf';
import type { RegistrationStore } from './auth/clientRegistration.js';
import type { ClientRegistration } from './ssoSession.js';

interface StoredRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: string;
  readonly scopes: readonly string[];
}

export interface RecentPick {
  readonly accountId: string;
  readonly roleName?: string;
  readonly count: number;
  /** ISO 8601. */
  readonly lastPickedAt: string;
}

/** What the user chose before: favorite accounts, recent picks, the profile name used per account and role. */
export interface UserPicks {
  readonly favorites: readonly string[];
  readonly recents: readonly RecentPick[];
  /** Keyed by `accountId/roleName`. */
  readonly profileNames: Readonly<Record<string, string>>;
  /** The region the user picked for an account's credentials, keyed by account id. */
  readonly accountRegions?: Readonly<Record<string, string>>;
}

interface StoredState {
  registrations: Record<string, StoredRegistration>;
  favorites: string[];
  recents: RecentPick[];
  profileNames: Record<string, string>;
  accountRegions: Record<string, string>;
}

/** Enough history to order by frequency and recency without the file growing for ever. */
const MAX_RECENTS = 200;

/**
 * The program's own state, in the user's config folder (never ~/.aws). It holds client secrets, so the file
 * is mode 0600.
 */
export class StateStore implements RegistrationStore {
  private readonly store: Conf<StoredState>;

  constructor(options: { folder?: string } = {}) {
    this.store = new Conf<StoredState>({
      projectName: 'sso-tui',
      projectSuffix: '',
      configName: 'state',
      configFileMode: 0o600,
      ...(options.folder ? { cwd: options.folder } : {}),
      defaults: { registrations: {}, favorites: [], recents: [], profileNames: {}, accountRegions: {} },
      clearInvalidConfig: true,
    });
  }

  get path(): string {
    return this.store.path;
  }

  read(key: string): ClientRegistration | undefined {
    const stored = this.store.get('registrations')[key];
    if (!stored) return undefined;
    const expiresAt = new Date(stored.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) return undefined;
    return { clientId: stored.clientId, clientSecret: stored.clientSecret, expiresAt, scopes: stored.scopes };
  }

  write(key: string, registration: ClientRegistration): void {
    this.store.set(`registrations.${key}`, {
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      expiresAt: registration.expiresAt.toISOString(),
      scopes: registration.scopes,
    });
  }

  remove(key: string): void {
    this.store.delete(`registrations.${key}`);
  }

  readPicks(): UserPicks {
    return {
      favorites: this.store.get('favorites'),
      recents: this.store.get('recents'),
      profileNames: this.store.get('profileNames'),
      accountRegions: this.store.get('accountRegions'),
    };
  }

  setFavorite(accountId: string, favorite: boolean): UserPicks {
    const others = this.store.get('favorites').filter((id) => id !== accountId);
    this.store.set('favorites', favorite ? [...others, accountId] : others);
    return this.readPicks();
  }

  recordPick(pick: { readonly accountId: string; readonly roleName?: string }, now: Date): UserPicks {
    const recents = this.store.get('recents');
    const same = (entry: RecentPick) =>
      entry.accountId === pick.accountId && entry.roleName === pick.roleName;
    const previous = recents.find(same);
    const entry: RecentPick = {
      ...pick,
      count: (previous?.count ?? 0) + 1,
      lastPickedAt: now.toISOString(),
    };
    this.store.set('recents', [entry, ...recents.filter((other) => !same(other))].slice(0, MAX_RECENTS));
    return this.readPicks();
  }

  rememberProfileName(accountId: string, roleName: string, profile: string): UserPicks {
    this.store.set('profileNames', {
      ...this.store.get('profileNames'),
      [accountRoleKey(accountId, roleName)]: profile,
    });
    return this.readPicks();
  }

  rememberAccountRegion(accountId: string, region: string): UserPicks {
    this.store.set('accountRegions', { ...this.store.get('accountRegions'), [accountId]: region });
    return this.readPicks();
  }
}
