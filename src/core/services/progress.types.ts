// The shapes of progress: what the tally reads (ProgressData, as loadProgress decodes it) and what it
// gives (MenteeProgress, ProgramProgress). Apart so that the query, the tally, the service and the views
// share them without importing one another.
import type { MessageKey, Said } from '../i18n/translate.js';
import type { CpdSystem, Pathway, Role } from '../domain/enums.js';
import type { CanMedsRole } from '../domain/canmeds.js';

export type EnrollmentState = 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';

export interface PersonName {
  personId: string;
  name: string;
}

export interface MeetingProgress {
  /** Meetings that count: confirmed or awaiting confirmation (disputed ones do not). */
  done: number;
  required: number;
  /** Meetings expected by today if the requirement is spread evenly over the program year. */
  expectedByNow: number;
  confirmed: number;
  unconfirmed: number;
  disputed: number;
  lastDate: string | null;
  daysSince: number | null;
  /** Days without a meeting, not counting days either member of the pair was away. */
  daysWithoutMeeting: number | null;
  overdue: boolean;
  /** No meeting for escalateAfterCadences × cadence: the coordinators are told. */
  escalated: boolean;
  nextAgreed: string | null;
}

export interface CpdProgress {
  system: CpdSystem;
  /** Credits in the participant's system dated within the program year (never another system's). */
  credits: number;
  /** Of which certified (Mainpro+) or accredited (MOC): `certifiedWord` says which. */
  certified: number;
  certifiedWord: 'certified' | 'accredited';
  activities: number;
  /** Program-year credits by the category (MOC: section) of the rule set in force today. */
  /** `labelKey`: the rule's label in a reader's language (ruleWord); absent for a key only an older set knew. */
  byCategory: { key: string; label: string; labelKey?: MessageKey; credits: number }[];
  /** The program's target for its year (cpdTargetFor). */
  target: number;
  /** Credits expected by today at an even pace over the program year. */
  expected: number;
  behind: boolean;
  shortfall: number;
  /** The system's credit years the program year touches, each against the yearly minimum of its rule set. */
  creditYears: { label: string; from: string; to: string; credits: number; minimum: number; met: boolean; reportBy: string | null }[];
  /**
   * Cycle minimums the bot can speak to from what was logged here (MOC Section 3 and its Feedback
   * Received activity; Mainpro+ Certified Assessment), over the cycle's length back from today.
   */
  cycle: { label: string; labelKey?: MessageKey; have: number; need: number; unit: 'credits' | 'activities'; met: boolean }[];
  /** Credits logged in another system (a physician who changed system): reported apart, never added. */
  otherSystems: { system: CpdSystem; credits: number; activities: number }[];
}

export interface ReflectionProgress {
  answered: number;
  /** Prompts already due and not answered yet (open or saved as a draft). */
  outstanding: number;
  oldestOutstandingDue: string | null;
}

export interface MenteeProgress {
  personId: string;
  name: string;
  email: string | null;
  pathway: Pathway | null;
  status: EnrollmentState;
  startDate: string;
  endDate: string | null;
  /** Mentors of the pairings active today. */
  mentors: PersonName[];
  meetings: MeetingProgress;
  cpd: CpdProgress;
  reflections: ReflectionProgress;
  goals: { total: number; achieved: number };
  /** CanMEDS roles touched by meetings, CPD activities and answered reflections: most often first, ties in CanMEDS order. */
  rolesTouched: CanMedsRole[];
  /** 1-based month of the program, capped at `months`. 0 before the start. */
  month: number;
  months: number;
  daysToEnd: number | null;
  /** What is still missing for completion, in plain words (written in each reader's language); empty when nothing is. */
  missing: Said[];
}

export interface PairAttention {
  pairingId: string;
  mentor: PersonName;
  mentee: PersonName;
  lastMeeting: string | null;
  /** Days without a meeting, away days not counted. */
  daysWithoutMeeting: number;
}

export interface ProgramTotals {
  participants: Record<Role, number>;
  pairs: number;
  meetings: number;
  meetingMinutes: number;
  cpdActivities: number;
  /** Credits per system: Mainpro+ and MOC credits are never added together. */
  cpdBySystem: { system: CpdSystem; activities: number; credits: number }[];
  reflectionsAnswered: number;
  reflectionsOutstanding: number;
}

export interface NeedsAttention {
  pairsOverdue: PairAttention[];
  /** Overdue by escalateAfterCadences × cadence (twice by default). */
  pairsEscalated: PairAttention[];
  reflectionsOutstanding: { mentee: PersonName; outstanding: number; oldestDue: string }[];
  cpdBehind: { mentee: PersonName; system: CpdSystem; credits: number; expected: number; target: number }[];
  /** Credit years of the program year that have ended below the system's yearly minimum, as logged here. */
  creditYearsShort: { mentee: PersonName; system: CpdSystem; label: string; credits: number; minimum: number; reportBy: string | null }[];
  unconfirmedMeetings: { mentee: PersonName; mentors: PersonName[]; count: number }[];
  completionsComingUp: { mentee: PersonName; endDate: string; daysToEnd: number; missing: Said[] }[];
  unpaired: PersonName[];
  withdrawnThisYear: { person: PersonName; at: string | null }[];
}

export interface ProgramProgress {
  today: string;
  programName: string;
  rows: MenteeProgress[];
  totals: ProgramTotals;
  attention: NeedsAttention;
}

/** CPD credits of a person summed in SQL by what progress needs to tell apart. */
export interface CpdGroup {
  personId: string;
  system: CpdSystem;
  category: string;
  activityType: string;
  certified: boolean;
  /** Dated within the person's program year (as a mentee). */
  inProgram: boolean;
  /** Dated within the cycle's length back from today. */
  inCycle: boolean;
  /** First calendar year of the credit year it falls in. */
  creditYear: number;
  n: number;
  credits: number;
}

/** What programProgress reads, as loadProgress decodes it (dates as 'YYYY-MM-DD', instants as Date). */
export interface ProgressData {
  enrollments: { personId: string; pathway: Pathway | null; cpdSystem: CpdSystem | null; startDate: string; endDate: string | null; status: EnrollmentState; name: string; email: string | null }[];
  pairings: { id: string; mentorId: string; menteeId: string; fromDate: string; mentorName: string }[];
  /** A mentee's meetings with one pairing in one confirmation state: how many, the last one, minutes, the earliest next meeting agreed from today on. */
  meetingGroups: { menteeId: string; pairingId: string; confirmation: 'PENDING' | 'CONFIRMED' | 'DISPUTED'; n: number; last: string | null; minutes: number; next: string | null }[];
  cpdGroups: CpdGroup[];
  /** Per mentee: reflections answered, and those open or drafted past their due time with the earliest due. */
  reflections: { menteeId: string; answered: number; outstanding: number; oldestDue: Date | null }[];
  goalGroups: { menteeId: string; status: 'ON_TRACK' | 'ACHIEVED' | 'DROPPED'; n: number }[];
  roleGroups: { role: Role; n: number }[];
  withdrawn: { personId: string; statusAt: Date | null; name: string }[];
  aways: { personId: string; fromDate: string; untilDate: string }[];
  /** How often a person touched a CanMEDS role; a person and role may come more than once (to be added up). */
  roleCounts: { personId: string; role: CanMedsRole; n: number }[];
}
