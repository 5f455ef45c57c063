import { describe, expect, it } from 'vitest';
import { ssoTokenFromResponse } from '../../../source/services/auth/ssoTokenFromResponse.js';
import { ServiceError } from '../../../source/services/errors.js';
import { NOW, REGISTRATION, SESSION } from './simulatorFixtures.js';

const clock = () => NOW;

describe('ssoTokenFromResponse', () => {
  it('keeps with the token everything a later refresh needs', () => {
    expect(
      ssoTokenFromResponse(
        { accessToken: 'aoa', expiresIn: 3600, refreshToken: 'aor' },
        SESSION,
        REGISTRATION,
        clock,
      ),
    ).toEqual({
      startUrl: SESSION.startUrl,
      region: SESSION.region,
      accessToken: 'aoa',
      expiresAt: new Date('2030-01-01T01:00:00Z'),
      refreshToken: 'aor',
      clientId: 'client',
      clientSecret: 'secret',
      registrationExpiresAt: REGISTRATION.expiresAt,
    });
  });

  it('leaves the refresh token out, not empty, when Identity Center sends none', () => {
    const token = ssoTokenFromResponse({ accessToken: 'aoa', expiresIn: 0 }, SESSION, REGISTRATION, clock);
    expect('refreshToken' in token).toBe(false);
    expect(token.expiresAt).toEqual(NOW);
  });

  it('refuses an answer without an access token or a lifetime', () => {
    for (const response of [
      { expiresIn: 3600 },
      { accessToken: '', expiresIn: 3600 },
      { accessToken: 'aoa' },
    ]) {
      let error: unknown;
      try {
        ssoTokenFromResponse(response, SESSION, REGISTRATION, clock);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(response)).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({
        message: 'Identity Center returned an incomplete token.',
        next: 'sign-in-again',
      });
    }
  });
});
