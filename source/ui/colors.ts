import chalk from 'chalk';
import type { Environment } from '../services/endpoints.js';

/**
 * Honours NO_COLOR (https://no-color.org): chalk, which Ink draws with, only knows FORCE_COLOR, so a
 * non-empty NO_COLOR turns styling off unless FORCE_COLOR asks for it explicitly.
 */
export function applyColorPreference(env: Environment): void {
  if (env.NO_COLOR && !env.FORCE_COLOR) chalk.level = 0;
}
