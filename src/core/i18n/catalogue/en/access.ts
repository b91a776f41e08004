// Who may do what (services/access.ts), who someone is (identity.service.ts), which workspaces are
// trusted (trust.ts) and whose form a request id is (request-ids.ts).
export const access = {
  'access.onlyRole':
    '{role, select, COORDINATOR {Only coordinators in the program can {whatFor}. If you need this, ask a program coordinator.} MENTOR {Only mentors in the program can {whatFor}.} other {Only mentees in the program can {whatFor}.}}',
  'access.onlyParticipants': 'Only mentees and mentors taking part in the program can {whatFor}. If you think you should be, ask a program coordinator.',
  'access.notEnrolledAnyMore': 'You are not enrolled in {program} any more, so you cannot see or change its records. If that is a mistake, ask a coordinator.',
  'access.notInProgram': 'That person is not in {program}.',
  'access.cannotView':
    "{mentor, select, yes {You can only see your own records and those of your mentees.} other {You can only see your own records.}} Coordinators can see everyone's; if you need this, ask a program coordinator.",
  'access.whatFor.doThat': 'do that',
  'access.whatFor.mentorship': 'use <cmd>mentorship {sub}</cmd>',
  'access.whatFor.enroll': 'enroll people',
  'access.whatFor.pair': 'pair mentors and mentees',
  'access.whatFor.unpair': 'end pairings',
  'access.whatFor.setStatus': 'withdraw or complete enrollments',
  'access.whatFor.erase': 'erase participants',
  'access.whatFor.digestChannel': 'choose the digest channel',
  'access.whatFor.purge': 'purge records past their retention period',
  'access.whatFor.importRoster': 'import a roster',
  'access.notEnrolled.named': 'You are not enrolled in {program}. Ask a coordinator to enroll you: {names}.',
  'access.notEnrolled.unnamed': 'You are not enrolled in {program}. Ask your program coordinator to enroll you.',
  'access.person.notAPerson': '"{ref}" is not a person I can look up: mention them (@name) or give their email, e.g. {example}.',
  'access.person.notFound': "I couldn't find {who} in the program. Use their email, e.g. {example}.",
  'access.person.emailNotFound': "I couldn't find {email} in the program. Check the address, or enroll them first with it.",
  'access.person.ambiguousName': 'More than one person in the program is called {name}. Use their email instead, e.g. {example}.',
  'access.person.directoryFailed': 'I could not look them up: {reason}. Use their email instead, e.g. {example}.',
  'access.person.notInProgramYet': '{who} is not in {program} yet. Enroll them first, e.g. <cmd>mentorship enroll {ref} as mentee</cmd>.',
  'access.untrusted':
    "{platform, select, SLACK {{program} does not accept requests from this Slack workspace ({workspace}): only from the Slack workspaces it trusts. If you are in the program, use your organisation's account; if this Slack workspace should be trusted, ask the bot's operator to add it.} other {{program} does not accept requests from this Microsoft tenant ({workspace}): only from the Microsoft tenants it trusts. If you are in the program, use your organisation's account; if this Microsoft tenant should be trusted, ask the bot's operator to add it.}}",
  'access.foreignRequest': 'This {purpose} form is out of date or was not opened by you, so nothing was saved. Type the command again to open a fresh one.',
} as const satisfies Record<string, string>;
