import { useApp, useInput, type Key } from 'ink';
import { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { CancelledError } from '../../services/errors.js';

export type KeyHandler = (input: string, key: Key) => void;

interface KeyRoute {
  /** Makes `handler` the one keys go to; the returned function withdraws it. */
  attach(handler: KeyHandler): () => void;
}

const KeyRouteContext = createContext<KeyRoute | undefined>(undefined);

/**
 * The one subscription to Ink's input, handing each key to the handler of the screen on show. Ink's
 * useInput re-subscribes in a passive effect after every render, so a key typed between a redraw and that
 * effect would reach the previous render's handler (or none, on a new screen); handlers attached here in a
 * layout effect are current as soon as the screen is drawn.
 */
export function KeyboardRoute({ children }: { readonly children: ReactNode }) {
  const currentRef = useRef<KeyHandler | undefined>(undefined);
  const { exit } = useApp();
  useInput((input, key) => {
    // Ctrl-C quits from any screen; the program then exits with 130, as an interrupted command does.
    if (key.ctrl && input === 'c') exit(new CancelledError('Interrupted.'));
    else currentRef.current?.(input, key);
  });
  const route = useMemo<KeyRoute>(
    () => ({
      attach(handler) {
        currentRef.current = handler;
        return () => {
          if (currentRef.current === handler) currentRef.current = undefined;
        };
      },
    }),
    [],
  );
  return <KeyRouteContext.Provider value={route}>{children}</KeyRouteContext.Provider>;
}

/** The screen's keys: call once per screen, inside a KeyboardRoute. */
export function useKeys(handler: KeyHandler): void {
  const route = useContext(KeyRouteContext);
  if (!route) throw new Error('useKeys needs a KeyboardRoute above it.');
  useLayoutEffect(() => route.attach(handler));
}
