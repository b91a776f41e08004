// The door into core (dispatch.ts): what anyone may hit before a command runs.
export const dispatch = {
  'dispatch.commandTooLong': 'That command is {length, number} characters long; I take at most {limit, number} on one line. Shorten it, or type {shown} alone to open its form, where each field says how much it takes.',
  'dispatch.theCommand': 'the command',
  'dispatch.unknownCommand': 'I don\'t know "{word}".',
  'dispatch.buttonGone': 'That button is no longer in use. Type the command again to get a fresh one.',
  'dispatch.formGone': 'This form is no longer in use. Type the command again to open a fresh one.',
  'dispatch.replyTooLong': 'That reply is {length, number} characters long; an answer takes at most {limit, number}. Shorten it and reply again in the thread.',
  'dispatch.messageTooLong': 'That message is {length, number} characters long; an answer takes at most {limit, number}. Shorten it and send it again.',
  'dispatch.internal': 'Something went wrong on our side and nothing was saved. Please try again in a minute; if it keeps happening, tell your program coordinator.',
  'dispatch.tooManyFields': 'This form sent more fields than it has, so nothing was saved. Type the command again to open a fresh one.',
  'dispatch.fieldTooLong': 'Keep this under {limit, number} characters (it has {length, number}).',
  'dispatch.tooManyChoices': 'Pick at most {max} of these.',
} as const satisfies Record<string, string>;
