// Facts about a person that several places need and must read the same way.
import { DEFAULT_CPD_SYSTEM_BY_PATHWAY, type CpdSystem, type Pathway } from './enums.js';

/**
 * A person's time zone: their own, else their chat account's — the one in question (the account
 * they write from, the one a message goes to), else the oldest linked that knows one — else the
 * program's. `accounts` in that order of preference.
 */
export function personTimeZone(
  person: { timeZone: string | null },
  accounts: readonly { timeZone: string | null }[],
  programTimeZone: string,
): string {
  return person.timeZone ?? accounts.find((a) => a.timeZone !== null)?.timeZone ?? programTimeZone;
}

/**
 * The CPD system an enrollment reports to: the one recorded, else its pathway's (family physicians
 * Mainpro+, specialists MOC), else Mainpro+ (a participant with neither still logs and is measured
 * somewhere: the /cpd form, the progress view and the monthly check-in all use this).
 */
export function enrollmentCpdSystem(enrollment: { cpdSystem: CpdSystem | null; pathway: Pathway | null }): CpdSystem {
  return enrollment.cpdSystem ?? (enrollment.pathway ? DEFAULT_CPD_SYSTEM_BY_PATHWAY[enrollment.pathway] : 'MAINPRO_PLUS');
}

export type CadenceRules = { cadenceDays: number; escalateAfterCadences: number };

export interface PairCadence {
  /** Days without a meeting (away days not counted). */
  days: number;
  /** Whole cadences passed: 0 while on track; the nudge for the n-th is sent once. */
  cadencesMissed: number;
  /** A meeting is due: on day `cadenceDays` (day 28 by default) and after. Nudge and digest alike. */
  overdue: boolean;
  /** The coordinators are told: on day cadenceDays × escalateAfterCadences (56) and after. */
  escalated: boolean;
}

/** Where a pair stands against the cadence after `days` without a meeting: the one reading of it. */
export function pairCadence(days: number, rules: CadenceRules): PairCadence {
  const cadencesMissed = Math.max(0, Math.floor(days / rules.cadenceDays));
  return {
    days,
    cadencesMissed,
    overdue: cadencesMissed >= 1,
    escalated: days >= rules.cadenceDays * rules.escalateAfterCadences,
  };
}
