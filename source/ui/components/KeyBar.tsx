import { Box, Text } from 'ink';

export interface KeyHint {
  readonly keys: string;
  readonly action: string;
}

/** The footer of keys the screen accepts right now; screens pass only what is true in their state. */
export function KeyBar({ hints }: { readonly hints: readonly KeyHint[] }) {
  return (
    <Box flexWrap="wrap" columnGap={2} flexShrink={0}>
      {hints.map((hint) => (
        <Text key={hint.keys}>
          <Text bold>{hint.keys}</Text> <Text dimColor>{hint.action}</Text>
        </Text>
      ))}
    </Box>
  );
}
