import { describe, expect, it } from 'vitest';
import { checkedVerificationUri } from '../../../source/services/auth/verificationUri.js';
import { SignInFailedError } from '../../../source/services/errors.js';

// deviceCodeSignIn.test.ts checks the same through the simulator's StartDeviceAuthorization.

describe('checkedVerificationUri', () => {
  it.each([
    'https://device.sso.eu-west-1.amazonaws.com/',
    'http://localhost:9/device',
    'http://127.0.0.1:9/device',
    'http://127.0.0.10:9/device',
    'http://127.255.255.255/device',
    'http://[::1]:9/device',
  ])('lets %s through as it is', (uri) => {
    expect(checkedVerificationUri(uri)).toBe(uri);
  });

  it.each([
    // http: to another machine: anyone on the way could change the page.
    'http://evil.example/device',
    'http://127.0.0.1.evil.example/device',
    'http://128.0.0.1/device',
    // A user or password part that poses as the host.
    'https://aws.amazon.com@evil.example/device',
    'https://:aws.amazon.com@evil.example/device',
    'javascript:alert(1)',
    'https://evil.example/\u001B]52;c;aGk=\u0007',
    'not a url',
  ])('refuses %j with one sentence and what to do', (uri) => {
    const error = (() => {
      try {
        return checkedVerificationUri(uri);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe(
      'Identity Center answered with a sign-in address that is not an https: URL, so it is neither opened nor shown.',
    );
    expect((error as SignInFailedError).hint).toBe(
      'Check the region and AWS_ENDPOINT_URL_SSO_OIDC, then sign in again.',
    );
  });
});
