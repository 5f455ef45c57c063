/**
 * Remembers the secrets a run has handled (tokens, client secrets, secret keys, session tokens) and masks
 * them in anything shown as diagnostics, so `--debug` output can be pasted into a bug report.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  remember(...values: (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= 8) this.secrets.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      result = result.replaceAll(secret, '<redacted>').replaceAll(encodeURIComponent(secret), '<redacted>');
    }
    return result;
  }
}
