import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { terminalText } from '../../services/terminalText.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label }: { readonly label?: string }) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((previous) => (previous + 1) % FRAMES.length), 80);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text color="cyan">{FRAMES[frame]}</Text>
      {label ? ` ${terminalText(label)}` : ''}
    </Text>
  );
}
