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

  it('remembers secrets of 8 characters and more; shorter ones would mask ordinary words', () => {
    const redactor = new Redactor();
    redactor.remember('1234567', '12345678', '');
    expect(redactor.redact('1234567 12345678 123456789')).toBe('1234567 <redacted> <redacted>9');
  });

  it('masks every occurrence of every secret remembered, across calls', () => {
    const redactor = new Redactor();
    redactor.remember('first-secret');
    redactor.remember('second-secret', 'third-secret');
    expect(redactor.redact('first-secret second-secret third-secret first-secret')).toBe(
      '<redacted> <redacted> <redacted> <redacted>',
    );
  });
});
