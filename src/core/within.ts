// Chat platforms wait a few seconds for an answer, and some outcomes need the store, which may be slow.
// Each adapter asks for the outcome within its platform's limit (ANSWER_WITHIN_MS in its
// late-submission.ts, the one place that limit is named) and, when it is late, answers "saving" and
// shows the outcome once it comes.

/** The outcome, or undefined when it is not there within `ms` (the work goes on regardless). */
export function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
