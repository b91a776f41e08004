/**
 * A person as typed in a command: a Slack mention (`<@U123ABC>`, `<@U123ABC|jane>`), a
 * Teams mention (`<at>Jane Doe</at>`; the activity's entities carry the id), an email
 * (bare or as Slack's `<mailto:…|…>` link), or `slack:<team>:<user>` as in program files.
 */
export type PersonRef =
  | { kind: 'slack'; userId: string; teamId?: string }
  | { kind: 'teams'; name: string }
  | { kind: 'email'; email: string };

const SLACK_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const SLACK_QUALIFIED = /^slack:([TE][A-Z0-9]+):([UW][A-Z0-9]+)$/i;
const TEAMS_MENTION = /^<at>(.+?)<\/at>$/is;
const SLACK_MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
// Deliberately simple: one @, a dot in the domain, no spaces or markup.
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}$/i;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

export function parsePersonRef(token: string): PersonRef | undefined {
  const t = token.trim().replace(/[,;]$/, '');
  let m = SLACK_MENTION.exec(t);
  if (m) return { kind: 'slack', userId: m[1]! };
  m = SLACK_QUALIFIED.exec(t);
  if (m) return { kind: 'slack', teamId: m[1]!.toUpperCase(), userId: m[2]!.toUpperCase() };
  m = TEAMS_MENTION.exec(t);
  if (m) {
    const name = m[1]!.trim();
    return name === '' ? undefined : { kind: 'teams', name };
  }
  m = SLACK_MAILTO.exec(t);
  const email = (m ? m[1]! : t).trim();
  if (EMAIL.test(email)) return { kind: 'email', email: email.toLowerCase() };
  return undefined;
}

/** What to show back to the user about a reference they typed. */
export function describePersonRef(ref: PersonRef): string {
  switch (ref.kind) {
    case 'slack':
      return `<@${ref.userId}>`;
    case 'teams':
      return ref.name;
    case 'email':
      return ref.email;
  }
}
