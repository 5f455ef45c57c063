import type { CommandContext } from './context.js';
import { signIn } from './signIn.js';

/** `sso-tui login`: always a fresh sign-in, as `aws sso login` does. */
export async function login(context: CommandContext): Promise<void> {
  await signIn(context);
}
