import { useApp, useInput, useStdin, type Key } from 'ink';
import { createContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CancelledError } from '../../services/errors.js';
import { anyOf, f1, named, pressedBinding, typed, type KeyTable } from '../keyTable.js';
import { splitKeypresses, type Keypress } from '../keypresses.js';

export type KeyHandler = (press: Keypress) => void;

interface KeyRoute {
  /** Makes `handler` the one keys go to; the returned function withdraws it. */
  attach(handler: KeyHandler): () => void;
  /** Takes the keys of one input event; `raw` is what the terminal sent for it. */
  receive(input: string, key: Key, raw: string | undefined): void;
  /** The screen the last key made is drawn (its handler attached): the next key may go. */
  drawn(): void;
  /** Drops keys not handed over yet (the screen is going away). */
  stop(): void;
  /** Whether the help overlay is open, as drawn. */
  showing(help: Help): void;
}

export const KeyRouteContext = createContext<KeyRoute | undefined>(undefined);

/**
 * The one subscription to Ink's input, handing each key to the handler of the screen on show. Ink's
 * useInput re-subscribes in a passive effect after every render, so a key typed between a redraw and that
 * effect would reach the previous render's handler (or none, on a new screen); handlers attached here in a
 * layout effect are current as soon as the screen is drawn.
 *
 * React renders an update some time after the key that caused it, so a key that comes before then (the
 * Enter after a typed query, in the same input chunk or the next) would reach a handler that has not seen
 * the keys before it. Each key is therefore handed over only once the render that follows the previous
 * one is committed: a counter bumped with every key makes sure there is such a render, and this
 * component's layout effect, which runs after those of the screen below it, lets the next key go.
 */
export function KeyboardRoute({ children, help }: { readonly children: ReactNode; readonly help: Help }) {
  const { exit } = useApp();
  const { internal_eventEmitter: input } = useStdin();
  const [keysHandled, setKeysHandled] = useState(0);
  const route = useMemo(
    () =>
      createKeyRoute({
        // Ctrl-C quits from any screen; the program then exits with 130, as an interrupted command does.
        interrupt: () => exit(new CancelledError('Interrupted.')),
        handled: () => setKeysHandled((count) => count + 1),
      }),
    [exit],
  );
  useLayoutEffect(() => route.showing(help), [route, help]);
  // Ink reports F1 as no key at all: the sequence the terminal sent tells it apart. This listener is added
  // in a layout effect, before useInput's (a passive effect), so it sees each input event first.
  const raw = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const remember = (data: string): void => {
      raw.current = data;
    };
    input.on('input', remember);
    return () => {
      input.off('input', remember);
    };
  }, [input]);
  useInput((typed, key) => route.receive(typed, key, raw.current));
  useLayoutEffect(() => route.drawn(), [route, keysHandled]);
  useEffect(() => () => route.stop(), [route]);
  return (
    <KeyRouteContext.Provider value={route}>
      <HelpContext.Provider value={help}>{children}</HelpContext.Provider>
    </KeyRouteContext.Provider>
  );
}

/** What terminals send for F1: xterm and most others, the Linux console, VT220-style and rxvt. */
const F1_SEQUENCES = new Set(['\u001BOP', '\u001B[[A', '\u001B[11~', '\u001B[1P']);

function createKeyRoute(on: { readonly interrupt: () => void; readonly handled: () => void }): KeyRoute {
  let current: KeyHandler | undefined;
  let help: Help | undefined;
  const queue: Keypress[] = [];
  let drawing = false;
  const deliver = (): void => {
    const press = queue.shift();
    if (!press) return;
    if (press.key.ctrl && press.input === 'c') {
      queue.length = 0;
      on.interrupt();
      return;
    }
    // The help overlay covers the screen (whose keys are not drawn, so not attached) until it is closed.
    if (!help?.open) current?.(press);
    else if (pressedBinding(HELP_OVERLAY_KEYS, undefined, press)) help.close();
    drawing = true;
    on.handled();
  };
  return {
    attach(handler) {
      current = handler;
      return () => {
        if (current === handler) current = undefined;
      };
    },
    receive(input, key, raw) {
      if (raw !== undefined && F1_SEQUENCES.has(raw)) queue.push({ input, key, f1: true });
      else queue.push(...splitKeypresses(input, key));
      if (!drawing) deliver();
    },
    drawn() {
      if (!drawing) return;
      drawing = false;
      // Out of React's commit: the handler may dispatch, or quit.
      queueMicrotask(deliver);
    },
    stop() {
      queue.length = 0;
    },
    showing(drawn) {
      help = drawn;
    },
  };
}

/** Whether the help overlay is open over the screen on show, and the way to open and close it. */
export interface Help {
  readonly open: boolean;
  show(): void;
  close(): void;
}

export const HelpContext = createContext<Help>({
  open: false,
  show: () => undefined,
  close: () => undefined,
});

/** The keys of the help overlay itself: it covers the screen until one of these closes it. */
export const HELP_OVERLAY_KEYS: KeyTable<unknown, 'close'> = {
  close: { keys: 'Esc', action: 'close help', matches: anyOf(named('escape'), typed('?'), f1, typed('q')) },
};
