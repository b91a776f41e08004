// The token pre-check: what can be refused without Microsoft's signing keys, and what must not be.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tokenProblem } from '../../../src/teams/token.js';

const NOW = 1_790_000_000;
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (header: object, claims: object, signature = 'c2lnbmF0dXJl') => `Bearer ${b64(header)}.${b64(claims)}.${signature}`;
const valid = { iss: 'https://api.botframework.com', aud: 'app-id', nbf: NOW - 60, exp: NOW + 3600 };

describe('a Bot Framework token checked before its signature', () => {
  it('lets through what only a signature check can judge: RS256, in date (within five minutes of skew)', () => {
    expect(tokenProblem(token({ alg: 'RS256', kid: 'k1' }, valid), NOW)).toBeUndefined();
    expect(tokenProblem(token({ alg: 'RS256' }, { ...valid, exp: NOW - 200 }), NOW)).toBeUndefined();
    expect(tokenProblem(token({ alg: 'RS256' }, { ...valid, nbf: NOW + 200 }), NOW)).toBeUndefined();
  });

  it('refuses what can never be valid, saying why', () => {
    expect(tokenProblem(undefined, NOW)).toMatch(/Bearer/);
    expect(tokenProblem('Basic dXNlcjpwYXNz', NOW)).toMatch(/Bearer/);
    expect(tokenProblem('Bearer not-a-jwt', NOW)).toMatch(/Bearer/);
    expect(tokenProblem('Bearer e30.bm90IGpzb24.c2ln', NOW)).toMatch(/not a JWT/);
    expect(tokenProblem(token({ alg: 'none' }, valid, ''), NOW)).toMatch(/RS256/);
    const unsigned = `${b64({ alg: 'HS256' })}.${b64(valid)}`;
    expect(tokenProblem(`Bearer ${unsigned}.${createHmac('sha256', 'k').update(unsigned).digest('base64url')}`, NOW)).toMatch(/RS256/);
    expect(tokenProblem(token({ alg: 'RS256' }, valid, ''), NOW)).toMatch(/no signature/);
    expect(tokenProblem(token({ alg: 'RS256' }, { ...valid, exp: NOW - 301 }), NOW)).toMatch(/expired/);
    expect(tokenProblem(token({ alg: 'RS256' }, { ...valid, exp: undefined }), NOW)).toMatch(/expired/);
    expect(tokenProblem(token({ alg: 'RS256' }, { ...valid, nbf: NOW + 301 }), NOW)).toMatch(/not valid yet/);
  });
});
