// The planner's reminders (services/planner.messages.ts), each in its recipient's language.
export const planner = {
  'planner.cadence.since': 'It has been {days} days since your last mentorship meeting with {other} ({last}). Time to plan the next one?',
  'planner.cadence.never': 'You and {other} have not logged a meeting yet ({days} days since you were paired). Time to plan the first one?',
  'planner.cadence.logMeeting': 'Log a meeting',
  'planner.escalation.text':
    '{hasLast, select, yes {{mentor} (mentor) and {mentee} (mentee) have had no meeting for {days} days (last: {last}).} other {{mentor} (mentor) and {mentee} (mentee) have had no meeting for {days} days (none logged yet).}}',
  'planner.escalation.header': 'A pair is overdue',
  'planner.escalation.context': 'Both have been nudged. The weekly digest lists every overdue pair.',
  'planner.nextMeeting':
    '{inDays, plural, =0 {Reminder: you agreed to meet {other} today ({date}).} =1 {Reminder: you agreed to meet {other} tomorrow ({date}).} other {Reminder: you agreed to meet {other} in # days ({date}).}}',
  'planner.cpd.behind': 'You are {credits} credits behind the pace for your target.',
  'planner.cpd.onPace': 'You are on pace for your target. Well done!',
  'planner.cpd.text': 'Monthly CPD check-in: {credits} of {target} credits so far (about {expected} expected by now). {status}',
  'planner.cpd.header': 'Monthly CPD check-in',
  'planner.cpd.progressLabel': 'CPD credits',
  'planner.cpd.expectedNote': 'about {expected} expected by now',
  'planner.cpd.creditYear': 'Credit year {year}: {credits} of the {minimum} credits {system} asks for each year.',
  'planner.cpd.logWith': 'Log an activity with <cmd>cpd</cmd>.',
  'planner.ending.missing':
    'Your mentorship year ends on {endDate} (in {inDays} days). Still missing for completion: {n, plural, one {# item} other {# items}}.',
  'planner.ending.complete': 'Your mentorship year ends on {endDate} (in {inDays} days). Nothing is missing for completion: well done!',
  'planner.ending.header': 'Your program ends soon',
  'planner.ending.listTitle': 'Still missing',
} as const satisfies Record<string, string>;
