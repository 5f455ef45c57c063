import { Box, Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';

/** A one-line field: its label, its value and a block cursor when it has the focus. */
export function TextField({
  label,
  value,
  focused,
  placeholder,
}: {
  readonly label: string;
  readonly value: string;
  readonly focused: boolean;
  readonly placeholder?: string;
}) {
  return (
    <Box>
      <Text bold={focused}>{label} </Text>
      <Text wrap="truncate-start">
        {value === '' && placeholder ? <Text dimColor>{placeholder}</Text> : terminalText(value)}
        {focused ? <Text inverse> </Text> : ''}
      </Text>
    </Box>
  );
}
