/**
 * A program's rules: every number the bot acts on, each with the default DOMAIN.md and
 * DESIGN.md chose. Programs change their rules, so logic takes these as a parameter.
 */
import { z } from 'zod';
import { AppError } from './errors.js';
import { said } from '../i18n/translate.js';
import { CreditRulesSchema } from './credits.js';
import type { CpdSystem } from './enums.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeOfDaySchema = z
  .string()
  .regex(HH_MM, 'time must be HH:MM on a 24-hour clock, e.g. "09:00" or "20:00"');

const days = (what: string) =>
  z.number({ invalid_type_error: `${what} must be a number of days` }).int(`${what} must be whole days`);

const DAY_NAMES = [
  ['sunday', 'sun', 'dimanche', 'dim'],
  ['monday', 'mon', 'lundi', 'lun'],
  ['tuesday', 'tue', 'tues', 'mardi', 'mar'],
  ['wednesday', 'wed', 'mercredi', 'mer'],
  ['thursday', 'thu', 'thurs', 'jeudi', 'jeu'],
  ['friday', 'fri', 'vendredi', 'ven'],
  ['saturday', 'sat', 'samedi', 'sam'],
];
const DAY_EXPECTED = 'expected a day of the week: its name, or 0 (Sunday) to 6 (Saturday), e.g. Monday or 1';

/** "Monday", "mon", "lundi" → 1; anything else is left for the schema to refuse. */
function dayNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const name = value.trim().toLowerCase().replace(/\.$/, '');
  const index = DAY_NAMES.findIndex((names) => names.includes(name));
  return index >= 0 ? index : /^\d$/.test(name) ? Number(name) : value;
}

export const ProgramRulesSchema = z
  .object({
    /** Meetings with the mentor needed to complete the year. */
    meetingsRequired: z.number().int('meetingsRequired must be a whole number').nonnegative().default(10),
    /** A pair with no meeting for this long is nudged. */
    cadenceDays: days('cadenceDays').positive('cadenceDays must be at least 1').default(28),
    /** After this many cadences without a meeting the coordinators are told. */
    escalateAfterCadences: z.number().positive('escalateAfterCadences must be more than 0').default(2),
    programLengthMonths: z.number().int().min(1, 'programLengthMonths must be at least 1').max(120).default(12),
    /**
     * The program's CPD target for its year, whatever the system; a system named in cpdYearlyTargets
     * has its own. Unset: DEFAULT_CPD_PROGRAM_TARGET.
     */
    cpdCreditsTarget: z.number().nonnegative('cpdCreditsTarget cannot be negative').optional(),
    /** The program year's CPD target per system, e.g. { MAINPRO_PLUS: 25, MOC: 25 }; each overrides cpdCreditsTarget. */
    cpdYearlyTargets: z
      .object({
        MAINPRO_PLUS: z.number().nonnegative('cpdYearlyTargets.MAINPRO_PLUS cannot be negative').optional(),
        MOC: z.number().nonnegative('cpdYearlyTargets.MOC cannot be negative').optional(),
      })
      .strict('cpdYearlyTargets takes MAINPRO_PLUS and MOC, e.g. { MAINPRO_PLUS: 25, MOC: 25 }')
      .default({}),
    reflectionAfterEveryMeeting: z.boolean().default(true),
    /** Days after a reflection prompt when the mentee is reminded, in order. */
    reflectionReminderDays: z
      .array(days('reflectionReminderDays').positive('reflectionReminderDays must be at least 1'))
      .refine((a) => a.every((d, i) => i === 0 || d > a[i - 1]!), 'reflectionReminderDays must increase, e.g. [3, 7]')
      .default([3, 7]),
    /** Window in which the follow-up reflection after a CPD activity makes sense. */
    followUpReflectionWeeks: z
      .object({ min: z.number().int().positive().default(6), max: z.number().int().positive().default(12) })
      .refine((w) => w.min <= w.max, 'followUpReflectionWeeks.min must not exceed max, e.g. { min: 6, max: 12 }')
      .default({}),
    /** When the follow-up is actually sent (8 weeks), inside that window. */
    followUpReflectionDays: days('followUpReflectionDays').positive().default(56),
    endOfProgramWarningDays: days('endOfProgramWarningDays').nonnegative().default(30),
    nextMeetingReminderDays: days('nextMeetingReminderDays').nonnegative().default(1),
    /** Capped at 28 so every month has the day. */
    cpdCheckInDayOfMonth: z
      .number()
      .int()
      .min(1, 'cpdCheckInDayOfMonth must be between 1 and 28')
      .max(28, 'cpdCheckInDayOfMonth must be between 1 and 28 so every month has it')
      .default(1),
    digest: z
      .object({
        /** 0 = Sunday … 6 = Saturday, as Date#getDay; a program file may name the day ("Monday"). */
        dayOfWeek: z
          .preprocess(
            dayNumber,
            z
              .number({ invalid_type_error: DAY_EXPECTED })
              .int(DAY_EXPECTED)
              .min(0, DAY_EXPECTED)
              .max(6, DAY_EXPECTED),
          )
          .default(1),
        time: TimeOfDaySchema.default('09:00'),
      })
      .default({}),
    /** No reminders between start and end in the recipient's time zone (may cross midnight). */
    quietHours: z.object({ start: TimeOfDaySchema.default('20:00'), end: TimeOfDaySchema.default('08:00') }).default({}),
    minMeetingMinutes: z.number().int().positive('minMeetingMinutes must be at least 1').default(5),
    maxMeetingMinutes: z.number().int().positive().default(480),
    /** Refuses CPD hours beyond this as a likely typo (a week-long course is about 40). */
    maxCpdHours: z.number().positive().default(100),
    /** Years after program end before mentorship records are purged. */
    retentionYears: z.number().int('retentionYears must be a whole number of years, e.g. 7').min(1, 'retentionYears must be at least 1, e.g. 7').default(7),
    credits: CreditRulesSchema.default({}),
  })
  .superRefine((r, ctx) => {
    if (r.minMeetingMinutes > r.maxMeetingMinutes) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['minMeetingMinutes'],
        message: 'minMeetingMinutes must not exceed maxMeetingMinutes, e.g. 5 and 480',
      });
    }
    const { min, max } = r.followUpReflectionWeeks;
    if (r.followUpReflectionDays < min * 7 || r.followUpReflectionDays > max * 7) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['followUpReflectionDays'],
        message: `followUpReflectionDays must fall within followUpReflectionWeeks (${min * 7}–${max * 7} days), e.g. 56`,
      });
    }
  });

export type ProgramRules = z.infer<typeof ProgramRulesSchema>;
/** Input accepted from a program file: every field optional. */
export type ProgramRulesInput = z.input<typeof ProgramRulesSchema>;

export const DEFAULT_PROGRAM_RULES: ProgramRules = ProgramRulesSchema.parse({});

/** Parses rules from a program file, naming each bad field: `digest.time: time must be HH:MM…`. */
export function parseProgramRules(input: unknown): ProgramRules {
  const result = ProgramRulesSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || 'rules';
    fieldErrors[path] ??= issue.message;
  }
  const summary = Object.entries(fieldErrors)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  throw new AppError('BAD_INPUT', said('mentorship.programRules.invalid', { summary }), fieldErrors);
}

/** The yearly minimum of both Mainpro+ and (since 2024) MOC: the program's target unless it sets one. */
export const DEFAULT_CPD_PROGRAM_TARGET = 25;

/** The program year's CPD target for a participant's system: its own, else the program's, else 25. */
export function cpdTargetFor(system: CpdSystem, rules: ProgramRules = DEFAULT_PROGRAM_RULES): number {
  return rules.cpdYearlyTargets[system] ?? rules.cpdCreditsTarget ?? DEFAULT_CPD_PROGRAM_TARGET;
}
