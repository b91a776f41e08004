// The weekly coordinator digest (to a channel in the program's language) and its buttons.
export const digest = {
  'digest.header': 'Weekly digest: {program}, {date}',
  'digest.noPairs': 'No pairs yet: enroll and pair people (<cmd>mentorship enroll</cmd> and <cmd>mentorship pair</cmd>, or import a roster) and the digest follows them here.',
  'digest.allOnTrack': 'Nothing needs attention this week: every pair is on track.',
  'digest.unreachable': '{name}: the bot cannot message them on {platform} since {since} (is the app installed for them?)',
  'digest.channel': 'Channel',
  // The kinds are the outbox's ids (notifications.ts); English shows them as they are.
  'digest.failed': '{name}: a {type, select, welcome {welcome} introduction {introduction} meetingConfirm {meeting-confirm} meetingDisputed {meeting-disputed} reflectionPrompt {reflection-prompt} reflectionReminder {reflection-reminder} cadenceNudge {cadence-nudge} escalation {escalation} nextMeeting {next-meeting} cpdCheckin {cpd-checkin} ending {ending} nudge {nudge} digest {digest} other {{kind}}} message failed on {date}{hasError, select, yes { ({error})} other {}}',
  'digest.deliveryProblems': 'Delivery problems ({n})',
  'digest.cannotReachLine': '{name}: {reason} (messages waiting since {since}; they go as soon as this is fixed)',
  'digest.cannotReach': 'Cannot be reached ({n})',
  'digest.nudgeButton': 'Nudge {mentor} & {mentee}',
  'digest.exportButton': 'Export summary',
  'digest.shortened': 'Digest shortened: export the summary for everything.',
  'digest.summary': 'Weekly digest: {overdue} pairs overdue, {reflections} with reflections outstanding, {cpd} behind on CPD',
  'digest.nudge.text': 'A reminder from {coordinator}: time to meet with {other}',
  'digest.nudge.body': '{coordinator} (program coordinator) asks you to plan your next mentorship meeting with {other}: it has been a while since the last one.',
  'digest.nudge.logButton': 'Log a meeting',
  'digest.nudge.gone': 'That pair no longer exists (it may have been ended). Ask for a fresh digest with <cmd>mentorship digest</cmd>.',
  'digest.nudge.done': 'Nudged {mentor} and {mentee}: both get a message asking them to meet.',
  'digest.nudge.already': '{mentor} and {mentee} were already nudged today.',
} as const satisfies Record<string, string>;
