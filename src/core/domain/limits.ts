// How much text core takes from anyone, checked once at its door (dispatch.ts) before any parser or
// the identifier check reads it: a megabyte of text must not hold the process for everyone else.
// Field-specific limits (a goal's 200 characters, the meeting topics' 3,000) stay with their rules.

/** The longest free text any field accepts (a reflection answer, a CPD reflection). */
export const MAX_TEXT_LENGTH = 4000;
/** A command typed on one line: its words plus the longest field. */
export const MAX_COMMAND_LENGTH = MAX_TEXT_LENGTH + 200;
/** A button's value is an id or two, never prose. */
export const MAX_BUTTON_VALUE_LENGTH = 500;
/** Fields in one form submission, and choices in one multiple-choice answer. */
export const MAX_FORM_FIELDS = 60;
export const MAX_CHOICES = 60;

/** C0 controls but tab, newline and carriage return, and DEL: PostgreSQL refuses NUL in text (22021). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text without control characters no one means to type (a NUL, a backspace); one pass. */
export const withoutControls = (text: string): string => text.replace(CONTROL, '');

export const thousands = (n: number): string => n.toLocaleString('en-CA');
