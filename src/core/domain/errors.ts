/**
 * The one error type core throws. Adapters show `userMessage` (and `fieldErrors` next to
 * form fields) and log everything else with its code; a user never sees a stack trace.
 */
export type ErrorCode = 'BAD_INPUT' | 'NOT_ENROLLED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(userMessage);
    this.name = 'AppError';
  }
}

/** Bad input on one field: the message names the field, what was expected and an example. */
export const badInput = (field: string, message: string): AppError =>
  new AppError('BAD_INPUT', message, { [field]: message });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
