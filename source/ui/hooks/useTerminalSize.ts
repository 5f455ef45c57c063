import { useStdout } from 'ink';
import { createContext, useContext, useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** Without a terminal (tests, pipes) the size is unknown; an 80×24 screen is what programs assume then. */
const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

function measure(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows };
}

/** The terminal's size, updated on every `resize` of stdout (Ink 6 has no hook for the height). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(measure(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** The room a screen has: the terminal less what the App draws above every screen (the demo's banner). */
export const ScreenSizeContext = createContext<TerminalSize>(FALLBACK);

export function useScreenSize(): TerminalSize {
  return useContext(ScreenSizeContext);
}
