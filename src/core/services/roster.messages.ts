// What the roster says to people (roster.service.ts decides when): the welcome on enrolling and the
// introduction of a new pair. Each is written in its reader's language; each adapter writes the
// commands they mention in its own syntax.
import type { CoreContext } from '../context.js';
import type { Role } from '../domain/enums.js';
import { formatDate } from '../i18n/format.js';
import { pathwayLabel, roleLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { translator } from '../i18n/translate.js';
import type { Message } from '../ui/message.js';
import type { PairingSummary } from './access.js';
import type { EnrollmentSummary } from './roster.service.js';

export function welcomeMessage(ctx: CoreContext, e: EnrollmentSummary, locale: Locale): Message {
  const tr = translator(locale);
  const what: Record<Role, string> = {
    MENTEE: tr('mentorship.welcome.mentee'),
    MENTOR: tr('mentorship.welcome.mentor'),
    COORDINATOR: tr('mentorship.welcome.coordinator'),
  };
  const facts = [
    { label: tr('mentorship.fact.role'), value: roleLabel(locale, e.role) },
    ...(e.pathway ? [{ label: tr('mentorship.fact.pathway'), value: pathwayLabel(locale, e.pathway) }] : []),
    { label: tr('mentorship.fact.from'), value: formatDate(locale, e.startDate) },
    ...(e.endDate ? [{ label: tr('mentorship.fact.until'), value: formatDate(locale, e.endDate) }] : []),
  ];
  const program = ctx.program.name;
  const text = tr('mentorship.welcome.text', { program, name: e.personName, role: roleLabel(locale, e.role).toLowerCase() });
  return {
    text,
    blocks: [
      { type: 'header', text: tr('mentorship.welcome.header', { program }) },
      { type: 'text', text },
      { type: 'facts', facts },
      { type: 'text', text: what[e.role] },
      // Said once for both platforms: each adapter writes the commands in its own syntax.
      { type: 'context', text: `${tr('mentorship.howToType')} ${tr('mentorship.welcome.privacy')}` },
    ],
  };
}

export function introMessage(ctx: CoreContext, pairing: PairingSummary, mentorName: string, menteeName: string, locale: Locale): Message {
  const tr = translator(locale);
  const from = formatDate(locale, pairing.fromDate);
  const text = tr('mentorship.intro.text', { mentee: menteeName, mentor: mentorName, program: ctx.program.name, from });
  return {
    text,
    blocks: [
      { type: 'header', text: tr('mentorship.intro.header') },
      {
        type: 'facts',
        facts: [
          { label: roleLabel(locale, 'MENTOR'), value: mentorName },
          { label: roleLabel(locale, 'MENTEE'), value: menteeName },
          { label: tr('mentorship.fact.from'), value: from },
        ],
      },
      { type: 'text', text },
      { type: 'text', text: tr('mentorship.intro.cadence', { cadence: ctx.program.rules.cadenceDays }) },
      { type: 'actions', buttons: [{ label: tr('mentorship.intro.logMeeting'), action: 'meeting.log', value: pairing.id, style: 'primary' }] },
      { type: 'context', text: tr('mentorship.howToType') },
    ],
  };
}
