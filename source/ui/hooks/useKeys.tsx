import { useApp, useInput, type Key } from 'ink';
import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { CancelledError } from '../../services/errors.js';
import { splitKeypresses, type Keypress } from './keypresses.js';

export type KeyHandler = (input: string, key: Key) => void;

interface KeyRoute {
  /** Makes `handler` the one keys go to; the returned function withdraws it. */
  attach(handler: KeyHandler): () => void;
  /** Takes the keys of one input event. */
  receive(input: string, key: Key): void;
  /** The screen the last key made is drawn (its handler attached): the next key may go. */
  drawn(): void;
  /** Drops keys not handed over yet (the screen is going away). */
  stop(): void;
}

const KeyRouteContext = createContext<KeyRoute | undefined>(undefined);

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
export function KeyboardRoute({ children }: { readonly children: ReactNode }) {
  const { exit } = useApp();
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
  useInput((input, key) => route.receive(input, key));
  useLayoutEffect(() => route.drawn(), [route, keysHandled]);
  useEffect(() => () => route.stop(), [route]);
  return <KeyRouteContext.Provider value={route}>{children}</KeyRouteContext.Provider>;
}

function createKeyRoute(world: { readonly interrupt: () => void; readonly handled: () => void }): KeyRoute {
  let current: KeyHandler | undefined;
  const queue: Keypress[] = [];
  let drawing = false;
  const deliver = (): void => {
    const press = queue.shift();
    if (!press) return;
    if (press.key.ctrl && press.input === 'c') {
      queue.length = 0;
      world.interrupt();
      return;
    }
    current?.(press.input, press.key);
    drawing = true;
    world.handled();
  };
  return {
    attach(handler) {
      current = handler;
      return () => {
        if (current === handler) current = undefined;
      };
    },
    receive(input, key) {
      queue.push(...splitKeypresses(input, key));
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
  };
}

/** The screen's keys: call once per screen, inside a KeyboardRoute. */
export function useKeys(handler: KeyHandler): void {
  const route = useContext(KeyRouteContext);
  if (!route) throw new Error('useKeys needs a KeyboardRoute above it.');
  useLayoutEffect(() => route.attach(handler));
}
