import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { terminalText } from '../../services/terminalText.js';
import { tint } from '../colors.js';
import { spinnerFrames, symbols } from '../symbols.js';

export function Spinner({ label }: { readonly label?: string }) {
  const frames = spinnerFrames();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((previous) => (previous + 1) % frames.length), 80);
    return () => clearInterval(timer);
  }, [frames]);
  return (
    <Text>
      <Text color={tint('cyan')}>{frames[frame % frames.length]}</Text>
      {label ? ` ${symbols(terminalText(label))}` : ''}
    </Text>
  );
}
