/**
 * CPD credit rules as data. Credits are computed from hours by rule and stay editable by
 * the user, since providers sometimes certify a different number.
 */
import { z } from 'zod';
import type { CpdCategory, CpdSystem } from './enums.js';

/** Credits per hour, by whether the activity is certified (Mainpro+) / accredited (MOC). */
export type CreditRate = { certified: number; uncertified: number };
export type CreditRules = {
  rates: Record<CpdSystem, Record<CpdCategory, CreditRate>>;
  /** Credits are reported in steps of this size (quarter credits by default). */
  roundTo: number;
};

const flat = (perHour: number): CreditRate => ({ certified: perHour, uncertified: perHour });

export const DEFAULT_CREDIT_RULES: CreditRules = {
  rates: {
    // Since the Dec 2024 Mainpro+ standards: 1 credit per hour in every category.
    MAINPRO_PLUS: { GROUP_LEARNING: flat(1), SELF_LEARNING: flat(1), ASSESSMENT: flat(1) },
    // MOC: Section 1 accredited 1/h (unaccredited 0.5/h), Section 2 2/h, Section 3 3/h.
    MOC: { GROUP_LEARNING: { certified: 1, uncertified: 0.5 }, SELF_LEARNING: flat(2), ASSESSMENT: flat(3) },
  },
  roundTo: 0.25,
};

const rateSchema = (d: CreditRate) =>
  z
    .object({
      certified: z.number().nonnegative('credits per hour cannot be negative').default(d.certified),
      uncertified: z.number().nonnegative('credits per hour cannot be negative').default(d.uncertified),
    })
    .default({});

const systemSchema = (system: CpdSystem) => {
  const d = DEFAULT_CREDIT_RULES.rates[system];
  return z
    .object({
      GROUP_LEARNING: rateSchema(d.GROUP_LEARNING),
      SELF_LEARNING: rateSchema(d.SELF_LEARNING),
      ASSESSMENT: rateSchema(d.ASSESSMENT),
    })
    .default({});
};

/** Every rate can be overridden alone; anything left out keeps its default. */
export const CreditRulesSchema = z.object({
  rates: z
    .object({ MAINPRO_PLUS: systemSchema('MAINPRO_PLUS'), MOC: systemSchema('MOC') })
    .default({}),
  roundTo: z.number().positive('roundTo must be a positive number of credits, e.g. 0.25').default(0.25),
});

// Compile-time check that the schema's output and the hand-written type stay in step.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof CreditRulesSchema>, CreditRules> = true;

export type CreditInput = { system: CpdSystem; category: CpdCategory; certified: boolean; hours: number };

/** Credits earned for an activity, rounded to the nearest step; never negative. */
export function computeCredits(input: CreditInput, rules: CreditRules = DEFAULT_CREDIT_RULES): number {
  const rate = rules.rates[input.system][input.category];
  const perHour = input.certified ? rate.certified : rate.uncertified;
  const raw = input.hours * perHour;
  if (!Number.isFinite(raw) || raw <= 0) return 0;
  const step = rules.roundTo > 0 ? rules.roundTo : 0.25;
  // Round via integer step counts so results are exact multiples of the step.
  return Math.round(raw / step) * step;
}

export type CpdPaceInput = { creditsSoFar: number; target: number; start: Date; end: Date; now: Date };
export type CpdPace = { expected: number; behind: boolean; shortfall: number };

/** Credits expected by now if the target is earned evenly over the program. */
export function cpdPace({ creditsSoFar, target, start, end, now }: CpdPaceInput): CpdPace {
  const span = end.getTime() - start.getTime();
  const elapsed = now.getTime() - start.getTime();
  const fraction = span <= 0 ? (elapsed >= 0 ? 1 : 0) : Math.min(1, Math.max(0, elapsed / span));
  const expected = target * fraction;
  const behind = creditsSoFar < expected - 0.001;
  return { expected, behind, shortfall: behind ? expected - creditsSoFar : 0 };
}
