// /mentorship (commands/mentorship.command.ts, domain/parse/parse-mentorship-args.ts) and the roster
// (services/roster.service.ts, roster-rows.ts, roster-import.service.ts): enrolling, pairing, the
// digest channel, the welcome and the introduction.
export const mentorship = {
  'mentorship.help.header': 'Mentorship program tools',
  'mentorship.help.context':
    'Everything but help is for coordinators. A person is a mention (@name) or an email; dates as 2026-01-05, today or Jan 5. Subcommands: {subcommands}.',
  'mentorship.usage.enroll': "enroll '<'person> as '<'mentee|mentor|coordinator> [pathway '<'PRA-MB-FP|MLPIMG|PRA-MB-SP>] [from '<'date>] [until '<'date>]",
  'mentorship.usage.pair': "pair '<'mentor> with '<'mentee> [from '<'date>]",
  'mentorship.usage.unpair': "unpair '<'mentor> with '<'mentee>",
  'mentorship.usage.channel': 'channel [off]',
  'mentorship.usage.digest': 'digest',
  'mentorship.usage.export': "export '<'meetings|cpd|reading|reflections|participants|summary>",
  'mentorship.usage.status': 'status',
  'mentorship.usage.withdraw': "withdraw '<'person> [as '<'role>]",
  'mentorship.usage.complete': "complete '<'person> [as '<'role>]",
  'mentorship.usage.erase': "erase '<'person>",
  'mentorship.usage.help': 'help',
  'mentorship.what.enroll': 'enroll — enroll someone in a role',
  'mentorship.what.pair': 'pair — pair a mentor with a mentee',
  'mentorship.what.unpair': 'unpair — end a pairing',
  'mentorship.what.channel': 'channel — make this (private) channel a digest channel; "channel off" stops it',
  'mentorship.what.digest': 'digest — post the coordinator digest now',
  'mentorship.what.export': 'export — get a CSV export by DM',
  'mentorship.what.status': 'status — see the program at a glance',
  'mentorship.what.erase': 'erase — erase a participant and all their records',
  'mentorship.what.withdraw': 'withdraw — someone leaves the program: their pairings end, reminders stop, records stay',
  'mentorship.what.complete': 'complete — someone has completed the program: as withdraw, but recorded as completed',
  'mentorship.unknownSub': "I don''t know ''{unknown}''.",

  'mentorship.example.enroll': '<cmd>mentorship enroll @jane as mentee pathway PRA-MB-FP from 2026-01-05 until 2026-12-31</cmd>',
  'mentorship.example.pair': '<cmd>mentorship pair @dr.smith with @jane from 2026-01-05</cmd>',
  'mentorship.example.unpair': '<cmd>mentorship unpair @dr.smith with @jane</cmd>',
  'mentorship.example.withdraw': '<cmd>mentorship withdraw jane.doe@example.org [as mentee]</cmd>',
  'mentorship.example.complete': '<cmd>mentorship complete jane.doe@example.org [as mentee]</cmd>',
  'mentorship.example.erase': '<cmd>mentorship erase jane@example.org</cmd>',
  'mentorship.parse.personMissing': 'The {field} is missing: mention them (@name) or give their email, e.g. {example}.',
  'mentorship.parse.notAPerson': '"{word}" is not a person I can find: mention them (@name) or give their email, e.g. {example}.',
  'mentorship.parse.enrollOptions': 'I did not understand "{rest}": expected pathway, from, until, e.g. {example}.',
  'mentorship.parse.pairOptions': 'I did not understand "{rest}": expected from, e.g. {example}.',
  'mentorship.parse.needsValue': '"{keyword}" needs a value, e.g. {example}.',
  'mentorship.parse.roleAfterAs': 'Say the role after "as": mentee, mentor or coordinator, e.g. {example}.',
  'mentorship.parse.notARole': '"{word}" is not a role: use mentee, mentor or coordinator, e.g. {example}.',
  'mentorship.parse.notAPathway': '"{word}" is not a pathway: use PRA-MB-FP, MLPIMG or PRA-MB-SP, e.g. {example}.',
  'mentorship.parse.endBeforeStart': 'The end date {until} is before the start date {from}, e.g. {example}.',
  'mentorship.parse.menteeAfterWith': 'Say the mentee after "with", e.g. {example}.',
  'mentorship.parse.notUnderstood': 'I did not understand "{rest}", e.g. {example}.',
  'mentorship.parse.statusRole': 'I did not understand "{rest}": add nothing, or "as mentee", "as mentor" or "as coordinator", e.g. {example}.',
  'mentorship.parse.takesNothing': '"<cmd>mentorship {sub}</cmd>" takes nothing after it; you wrote "{rest}".',
  'mentorship.parse.channelTakesNothing':
    '"<cmd>mentorship {sub}</cmd>" takes nothing after it, or "off" to stop the digest in this channel; you wrote "{rest}".',
  'mentorship.parse.whichExport': 'Say which export: meetings, cpd, reading, reflections, participants, summary, e.g. <cmd>mentorship export meetings</cmd>.',
  'mentorship.parse.eraseOne': 'Erase one person at a time, e.g. {example}.',

  'mentorship.enrolled':
    '{created, select, yes {Enrolled} other {Updated the enrollment of}} {name} as {role} {hasEnd, select, yes {from {start} until {until}} other {from {start}}}{pathwayState, select, set {, pathway {pathway}} missing { (no pathway yet: add "pathway PRA-MB-FP" to set it)} other {}}.{created, select, yes { They will get a welcome message.} other {}}',
  'mentorship.paired': 'Paired {mentor} (mentor) with {mentee} (mentee) from {from}. Both will get an introduction.',
  'mentorship.unpaired': 'Ended the pairing (it ran from {from} to {until}). Their meetings stay on record.',
  'mentorship.channel.removed': 'This channel no longer gets the coordinator digest.',
  'mentorship.channel.notADigestChannel': 'This channel does not get the coordinator digest: nothing to stop. <cmd>mentorship status</cmd> lists the digest channels.',
  'mentorship.channel.set': 'This channel will get the coordinator digest. Keep it private to coordinators: the digest names people who are behind.',
  'mentorship.channel.already': 'This channel already gets the coordinator digest.',
  'mentorship.statusChange.nothing':
    '{hasRole, select, yes {Nothing to change: they have no active enrollment as {role} in {program}.} other {Nothing to change: they have no active enrollment in {program}.}} <cmd>mentorship status</cmd> lists the participants.',
  'mentorship.statusChange.done':
    '{sub, select, withdraw {Withdrew} other {Marked as completed:}} {name} ({roles}). Their pairings have ended and they get no more reminders; their records stay on file.',
  'mentorship.erased': 'Erased {name} and all their records. The audit trail keeps only that it was done, and by whom.',

  'mentorship.roster.badDate': 'The {field} date must be a day that exists, written like 2026-01-05; you gave "{value}".',
  'mentorship.roster.whoToEnroll': 'Say who to enroll: mention them (@name) or give their email, e.g. jane.doe@example.org.',
  'mentorship.roster.endBeforeStart': 'The end date {end} is before the start date {start}, e.g. from 2026-01-05 until 2027-01-04.',
  'mentorship.roster.notActive':
    '{known, select, yes {{who}} other {That person}} is not an active {role} in {program}. Enroll them first, e.g. <cmd>mentorship enroll jane.doe@example.org as {role}</cmd>.',
  'mentorship.roster.selfMentor': 'A person cannot mentor themselves: name two different people, e.g. <cmd>mentorship pair @dr.smith with @jane</cmd>.',
  'mentorship.roster.alreadyPaired': '{mentor} already mentors {mentee} (since {since}).',
  'mentorship.roster.notPaired': 'Those two are not paired right now, so there is nothing to end. <cmd>mentorship status</cmd> lists the pairs.',
  'mentorship.roster.noSuchEnrollment': 'That enrollment is not in this program. <cmd>mentorship status</cmd> lists the participants.',
  'mentorship.away.endBeforeStart': 'The end date {until} is before the start date {from}, e.g. <cmd>away 2026-12-20 2027-01-05</cmd>.',
  'mentorship.away.past': '{until} has already passed: give dates from today on, e.g. <cmd>away 2026-12-20 2027-01-05</cmd>.',
  'mentorship.erase.self': 'You cannot erase yourself: ask another coordinator to do it.',
  'mentorship.erase.notInProgram': 'That person is not in {program}, so there is nothing to erase.',
  'mentorship.channel.notInDm': 'Run this in the channel where the digest should go (a private channel for coordinators), not in a direct message.',
  'mentorship.channel.offInDm': 'Run this in the digest channel you want to stop, not in a direct message. <cmd>mentorship status</cmd> lists the digest channels.',
  'mentorship.channel.public':
    'This channel is not private{hasDetail, select, yes { ({detail})} other {}}: anyone who can join it would read the weekly digest, which names physicians who are behind. Type <cmd>mentorship channel</cmd> in a private channel of coordinators.',
  'mentorship.channel.groupChat':
    'A group {platform, select, SLACK {DM} other {chat}} is not a channel: whoever is added to it later reads every digest posted before. Type <cmd>mentorship channel</cmd> in a private channel of coordinators.',
  'mentorship.channel.unknownPrivacy':
    'I could not check that this channel is private ({reason}), so the digest will not go there. Add the bot to the channel, then type <cmd>mentorship channel</cmd> again.',

  'mentorship.howToType': 'Type a command as shown here: in Slack it starts with a slash, in Teams it is the word alone, typed to the bot.',
  'mentorship.welcome.header': 'Welcome to {program}',
  'mentorship.welcome.text': 'Welcome to {program}, {name}: you are enrolled as {role}.',
  'mentorship.welcome.mentee':
    'Log each meeting with your mentor with <cmd>meeting</cmd>, CPD activities with <cmd>cpd</cmd>, and answer reflection prompts when I send them. <cmd>progress</cmd> shows where you stand.',
  'mentorship.welcome.mentor':
    'Log each meeting with your mentee with <cmd>meeting</cmd>; I will nudge you when a meeting is overdue. <cmd>progress</cmd> shows how your mentees are doing.',
  'mentorship.welcome.coordinator':
    'You can enroll and pair people with <cmd>mentorship</cmd>, and you will get the weekly digest. <cmd>mentorship help</cmd> lists everything.',
  'mentorship.welcome.privacy': 'Records here are about you as a physician: never enter patient identifiers.',
  'mentorship.fact.role': 'Role',
  'mentorship.fact.pathway': 'Pathway',
  'mentorship.fact.from': 'From',
  'mentorship.fact.until': 'Until',
  'mentorship.intro.header': 'Meet your mentorship partner',
  'mentorship.intro.text': '{mentee}, meet your mentor {mentor}; {mentor}, meet your mentee {mentee}. You are paired in {program} from {from}.',
  'mentorship.intro.cadence':
    'Plan to meet at least every {cadence} days. After each meeting, either of you logs it with <cmd>meeting</cmd> (e.g. <cmd>meeting today 45m video Discussed billing</cmd>) or the button below; the other is asked to confirm it.',
  'mentorship.intro.logMeeting': 'Log meeting',
} as const satisfies Record<string, string>;
