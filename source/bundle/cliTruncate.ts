/*
 * In place of `cli-truncate` for Ink (see build.mjs). Ink cuts text that does not fit (`wrap="truncate"`)
 * with a `…`, which a terminal whose locale is not UTF-8 shows as mojibake; there the cut ends in ASCII,
 * as the program's own symbols do (ui/symbols.ts).
 */
import truncate, { type Options } from 'cli-truncate';
import { asciiOnly } from '../ui/symbols.js';

export default function cliTruncate(text: string, columns: number, options?: Options): string {
  if (!asciiOnly()) return truncate(text, columns, options);
  // cli-truncate returns the mark alone when one column is left: it must fit there too.
  return truncate(text, columns, { ...options, truncationCharacter: columns < 4 ? '.' : '...' });
}
