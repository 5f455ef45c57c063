import type { RegistrationStore } from '../../source/services/auth/clientRegistration.js';
import type { ClientRegistration } from '../../source/services/ssoSession.js';

/** Registrations kept for one test: what the program's state file keeps between runs. */
export class MemoryRegistrationStore implements RegistrationStore {
  private readonly registrations = new Map<string, ClientRegistration>();

  read(key: string): ClientRegistration | undefined {
    return this.registrations.get(key);
  }

  write(key: string, registration: ClientRegistration): void {
    this.registrations.set(key, registration);
  }

  remove(key: string): void {
    this.registrations.delete(key);
  }
}
