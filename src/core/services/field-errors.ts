// A form's problems, each on its field in the catalogue's words: all of them at once, so the person
// fixes every field in one go. (throwIfErrors in reflection.service.ts still takes English strings.)
import { AppError, type ErrorText } from '../domain/errors.js';
import { said } from '../i18n/translate.js';

/** Field id → its problem (a parser of another area may still give English text: ErrorText). */
export type FieldProblems = Record<string, ErrorText>;

export function throwFieldErrors(errors: FieldProblems): void {
  const problems = Object.values(errors);
  if (problems.length === 0) return;
  const summary =
    problems.length === 1 ? problems[0]! : said('cpd.checkFields', { n: problems.length, problems: problems.reduceRight((more, first) => said('cpd.problemAndMore', { first, more })) });
  throw new AppError('BAD_INPUT', summary, errors);
}
