const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

/**
 * Switches the terminal to the alternate screen, so the full-screen flow leaves the user's scrollback as it
 * was; the returned function switches back (and shows the cursor, whatever Ink left it as). Call it after
 * Ink has unmounted, so Ink's last frame is drawn on the alternate screen and vanishes with it.
 *
 * When the process ends first (a signal, an uncaught error), `beforeExit` runs before the switch back: Ink
 * draws a last frame as it unmounts, and unmounted after the switch it would draw it over the user's shell.
 */
export function enterAlternateScreen(stdout: NodeJS.WritableStream, beforeExit?: () => void): () => void {
  stdout.write(ENTER_ALTERNATE_SCREEN);
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    stdout.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
  };
  // Whatever ends the process (an uncaught error, process.exit), the terminal is given back.
  const onExit = (): void => {
    beforeExit?.();
    leave();
  };
  process.once('exit', onExit);
  return () => {
    process.off('exit', onExit);
    leave();
  };
}
