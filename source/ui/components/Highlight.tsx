import { Text } from 'ink';
import type { MatchRange } from '../../services/search/termMatcher.js';
import { shownRanges, terminalText } from '../../services/terminalText.js';
import { coloursOn, tint } from '../colors.js';

/**
 * `text` with the matched characters in bold colour; under NO_COLOR, bold and underlined. The text is
 * drawn through terminalText, and the ranges (found in its searchable form) are moved to match.
 */
export function Highlight({
  text: untrusted,
  ranges: found = [],
}: {
  readonly text: string;
  readonly ranges?: readonly MatchRange[];
}) {
  const text = terminalText(untrusted);
  const ranges = shownRanges(untrusted, found);
  if (ranges.length === 0) return <Text>{text}</Text>;
  const matched = new Array<boolean>(text.length).fill(false);
  for (const [start, end] of ranges)
    for (let index = start; index <= end && index < text.length; index++) matched[index] = true;
  const parts: { text: string; matched: boolean }[] = [];
  for (let index = 0; index < text.length; index++) {
    const last = parts.at(-1);
    if (last && last.matched === matched[index]) last.text += text[index];
    else parts.push({ text: text[index]!, matched: matched[index]! });
  }
  return (
    <Text>
      {parts.map((part, index) =>
        part.matched ? (
          <Text key={index} bold color={tint('yellow')} underline={!coloursOn()}>
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}
