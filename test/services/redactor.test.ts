import { describe, expect, it } from 'vitest';
import { Redactor } from '../../source/services/redactor.js';

describe('redactor', () => {
  it('masks remembered secrets, raw and URL-encoded, and leaves short or unknown text alone', () => {
    const redactor = new Redactor();
    redactor.remember('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', undefined, 'short');
    const text =
      'key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY url=wJalrXUtnFEMI%2FK7MDENG%2BbPxRfiCYEXAMPLEKEY short';
    expect(redactor.redact(text)).toBe('key=<redacted> url=<redacted> short');
  });
});
