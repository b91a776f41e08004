import { describe, it, expect } from 'vitest';
import { AppError, badInput, isAppError } from '../../../src/core/domain/errors.js';

describe('AppError', () => {
  it('carries a code, a message fit for the user, and per-field errors', () => {
    const e = new AppError('NOT_FOUND', 'No such meeting.');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('No such meeting.');
    expect(e.userMessage).toBe('No such meeting.');
    expect(e.fieldErrors).toEqual({});
    expect(e).toBeInstanceOf(Error);
  });

  it('badInput names the field that was wrong', () => {
    const e = badInput('date', 'Give the date as YYYY-MM-DD.');
    expect(e.code).toBe('BAD_INPUT');
    expect(e.fieldErrors).toEqual({ date: 'Give the date as YYYY-MM-DD.' });
  });

  it('isAppError tells coded errors from anything else thrown', () => {
    expect(isAppError(badInput('x', 'y'))).toBe(true);
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError('boom')).toBe(false);
    expect(isAppError(undefined)).toBe(false);
  });
});
