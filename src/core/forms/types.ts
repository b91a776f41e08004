import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { FormId, FormOutcome, FormValues } from '../ui/form.js';

export interface FormSubmission {
  ctx: CoreContext;
  actor: Actor;
  values: FormValues;
  /** The FormView.state the form was opened with, handed back untouched. */
  state: string;
  /** Unique per submission attempt from the platform; the form's own request id lives in state. */
  conversation: Conversation;
}

/** A form is defined once: its fields are built by the command or action that opens it; this submits it. */
export interface FormDefinition {
  id: FormId;
  submit(submission: FormSubmission): Promise<FormOutcome>;
}
