import { describe, expect, it } from 'vitest';
import { checkedVerificationUri } from '../../source/services/auth/verificationUri.js';
import { isLoopbackHost, normalizeStartUrl } from '../../source/services/startUrl.js';

describe('the start URL rule', () => {
  it('reads a portal the ways people type it', () => {
    for (const typed of ['mycorp', 'MyCorp.awsapps.com', 'https://mycorp.awsapps.com/start/#/']) {
      expect(normalizeStartUrl(typed), typed).toBe('https://mycorp.awsapps.com/start');
    }
  });

  it('takes plain http for this machine only, by the same loopback rule as the device-code page', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(normalizeStartUrl(`http://${host}:8080/start`), host).toBe(`http://${host}:8080/start`);
      expect(checkedVerificationUri(`http://${host}:8080/device`), host).toBe(`http://${host}:8080/device`);
    }
    for (const host of ['128.0.0.1', '127.0.0.1.example.com', 'example.com', '10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
      expect(normalizeStartUrl(`http://${host}/start`), host).toBeUndefined();
      expect(() => checkedVerificationUri(`http://${host}/device`), host).toThrow();
    }
  });
});
