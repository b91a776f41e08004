/**
 * The one error type core throws. It says what went wrong as catalogue text (i18n/translate.ts), not
 * yet in anyone's language: the door (dispatch.ts) writes it in the reader's, next to the form's fields
 * where it names one. Everything else is logged with its code; a user never sees a stack trace.
 */
import { render, type Locale, type Said } from '../i18n/translate.js';

/**
 * TRANSITIONAL (issue 19): a plain string is English only and is being replaced by catalogue keys area
 * by area; once none is left this union becomes `Said`.
 */
export type ErrorText = Said | string;
const write = (locale: Locale, text: ErrorText): string => (typeof text === 'string' ? text : render(locale, text));

export type ErrorCode = 'BAD_INPUT' | 'NOT_ENROLLED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly said: ErrorText,
    /** Field id → its problem. */
    readonly fieldErrors: Readonly<Record<string, ErrorText>> = {},
  ) {
    super(write('en', said));
    this.name = 'AppError';
  }

  /** The message in English (logs, the command line's default, tests). */
  get userMessage(): string {
    return this.message;
  }

  textIn(locale: Locale): string {
    return write(locale, this.said);
  }

  fieldErrorsIn(locale: Locale): Record<string, string> {
    return Object.fromEntries(Object.entries(this.fieldErrors).map(([field, s]) => [field, write(locale, s)]));
  }
}

/** Bad input on one field: the message names the field, what was expected and an example. */
export const badInput = (field: string, problem: ErrorText): AppError => new AppError('BAD_INPUT', problem, { [field]: problem });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
