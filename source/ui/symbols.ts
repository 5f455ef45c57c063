import type { Environment } from '../services/endpoints.js';

let unicode = true;

/**
 * A terminal whose locale is not UTF-8 (`LANG=C`, a serial console) shows the program's own symbols as
 * mojibake; it gets ASCII ones. The locale is what `LC_ALL`, else `LC_CTYPE`, else `LANG` says; none set
 * is the C locale on Linux, and UTF-8 where the platform's terminals always are (macOS, Windows).
 */
export function applySymbolPreference(env: Environment, platform: NodeJS.Platform): void {
  unicode = localeIsUtf8(env, platform);
}

export function localeIsUtf8(env: Environment, platform: NodeJS.Platform): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  if (!locale) return platform === 'darwin' || platform === 'win32';
  return /utf-?8/i.test(locale);
}

/** Each symbol the screens draw, and its ASCII stand-in of the same width where one column is enough. */
const ASCII: Readonly<Record<string, string>> = {
  '↑↓': 'Up/Down',
  '›': '>',
  '★': '*',
  '↻': '~',
  '·': '-',
  '•': '*',
  '…': '...',
  '↑': 'Up',
  '↓': 'Dn',
  '×': 'x',
  '—': '-',
  '─': '-',
};

const SYMBOL = new RegExp(Object.keys(ASCII).join('|'), 'gu');

/** `text` with the program's symbols in ASCII where the terminal cannot show them. */
export function symbols(text: string): string {
  return unicode ? text : text.replace(SYMBOL, (symbol) => ASCII[symbol] ?? symbol);
}

/** Whether the screens must keep to ASCII (box borders, for one, are drawn `classic`). */
export function asciiOnly(): boolean {
  return !unicode;
}

const BRAILLE_SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ASCII_SPINNER = ['-', '\\', '|', '/'];

export function spinnerFrames(): readonly string[] {
  return unicode ? BRAILLE_SPINNER : ASCII_SPINNER;
}
