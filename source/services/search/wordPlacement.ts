/**
 * The occurrence of the word in `lower` that counts: the first one that starts a word, else the first;
 * -1 when there is none.
 */
export function bestOccurrence(lower: string, original: string, term: string): number {
  const first = lower.indexOf(term);
  for (let position = first; position >= 0; position = lower.indexOf(term, position + 1)) {
    if (isWordStart(original, position)) return position;
  }
  return first;
}

/**
 * Placed by where the word sits (whole field, start, word start, inside) and how much of the field it
 * covers. `first` is the word's first occurrence, already found by the caller.
 */
export function placementScore(lower: string, original: string, term: string, first: number): number {
  let placement = 0.16;
  if (lower.length === term.length) placement = 0;
  else if (first === 0) placement = 0.04;
  else {
    for (let position = first; position >= 0; position = lower.indexOf(term, position + 1)) {
      if (isWordStart(original, position)) {
        placement = 0.08;
        break;
      }
    }
  }
  return placement + 0.1 * (1 - term.length / lower.length);
}

/**
 * After a separator, or a lower-case letter followed by a capital (the "Administrator" in
 * "NetworkAdministrator"). Character codes, not regular expressions: this runs for every hit of a keystroke.
 */
export function isWordStart(text: string, position: number): boolean {
  if (position === 0) return true;
  const before = text.charCodeAt(position - 1);
  if (!isLetterOrDigit(before)) return true;
  const here = text.charCodeAt(position);
  return before >= 97 && before <= 122 && here >= 65 && here <= 90;
}

/** ASCII letters and digits, and anything beyond ASCII (accented letters are part of words). */
function isLetterOrDigit(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127
  );
}
