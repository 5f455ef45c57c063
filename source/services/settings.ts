import Conf from 'conf';
import type { RegistrationStore } from './auth/clientRegistration.js';
import type { ClientRegistration } from './ssoSession.js';

interface StoredRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: string;
  readonly scopes: readonly string[];
}

interface SettingsShape {
  registrations: Record<string, StoredRegistration>;
  lastSession?: string;
}

/**
 * The program's own state, in the user's config folder (never ~/.aws). It holds client secrets, so the file
 * is mode 0600.
 */
export class Settings implements RegistrationStore {
  private readonly store: Conf<SettingsShape>;

  constructor(options: { folder?: string } = {}) {
    this.store = new Conf<SettingsShape>({
      projectName: 'sso-tui',
      projectSuffix: '',
      configName: 'state',
      configFileMode: 0o600,
      ...(options.folder ? { cwd: options.folder } : {}),
      defaults: { registrations: {} },
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
}
