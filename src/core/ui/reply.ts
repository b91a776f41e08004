import type { FormView } from './form.js';
import type { Message } from './message.js';

/** What a command or a button answers with; adapters render it in their own idiom. */
export type Reply =
  /** Shown privately to the person who acted (ephemeral in Slack, a reply in a personal chat in Teams). */
  | { kind: 'message'; message: Message }
  /** Open this form (Slack modal, Teams dialog). */
  | { kind: 'form'; view: FormView }
  /** A file for the person who asked, sent by DM (exports). */
  | { kind: 'file'; filename: string; mimeType: string; content: string; message: Message }
  /** Nothing to show (e.g. a button whose effect is a DM already queued). */
  | { kind: 'none' };
