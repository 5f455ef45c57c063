import { join } from 'node:path';
import type { Environment } from './endpoints.js';

/**
 * The program's own state folder (the state store, cached lists, cached credentials): the user's config folder as
 * `conf` and env-paths name it, unless the run sets one (--demo). Worked out here rather than by loading
 * `conf`, so `credential-process` can answer from its cache without loading it.
 */
export function stateFolderPath(machine: {
  readonly env: Environment;
  readonly homeDir: string;
  readonly platform: NodeJS.Platform;
  readonly stateFolder?: string;
}): string {
  if (machine.stateFolder) return machine.stateFolder;
  const { env, homeDir } = machine;
  switch (machine.platform) {
    case 'darwin':
      return join(homeDir, 'Library', 'Preferences', 'sso-tui');
    case 'win32':
      return join(env.APPDATA || join(homeDir, 'AppData', 'Roaming'), 'sso-tui', 'Config');
    default:
      return join(env.XDG_CONFIG_HOME || join(homeDir, '.config'), 'sso-tui');
  }
}
