/**
 * CPD credits computed by the colleges' rules (cpd-rule-sets.ts): the rule set in force on the
 * activity's date, its activity type's unit and rate, and the type's cap per cycle. Credits stay
 * editable by the user, since providers sometimes certify a different number.
 */
import { z } from 'zod';
import type { CpdSystem } from './enums.js';
import { activityTypeRule, ruleSetFor, type CpdActivityTypeRule, type CpdRuleSet } from './cpd-rules.js';

export type CreditRules = {
  /** Credits are reported in steps of this size (quarter credits by default). */
  roundTo: number;
};

export const DEFAULT_CREDIT_RULES: CreditRules = { roundTo: 0.25 };

/**
 * Rates are the colleges' (cpd-rule-sets.ts), not the program's: only the rounding is a program setting.
 * Rules stored by an older version still hold `rates`: they are dropped here (a program file that
 * sets them is refused by loadProgramFile).
 */
export const CreditRulesSchema = z.object({
  roundTo: z.number().positive('roundTo must be a positive number of credits, e.g. 0.25').default(0.25),
});
export const CREDIT_RATES_REFUSED = "rules.credits.rates: the rates are the colleges' (the Mainpro+ and MOC rule sets in src/core/domain/cpd-rules.ts), not a program setting: remove them, and keep credits: { roundTo: 0.25 } if you need the rounding";

// Compile-time check that the schema's output and the hand-written type stay in step.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof CreditRulesSchema>, CreditRules> = true;

export interface CreditInput {
  system: CpdSystem;
  /** YYYY-MM-DD: picks the rule set in force. */
  date: string;
  category: string;
  activityType: string;
  /** Hours for an hourly type, else the number of items (articles, topics, books...). */
  amount: number;
  /** Credits of the same capped type already counted in the cycle (MOC Section 1 unaccredited). */
  cappedSoFar?: number;
}

export interface ComputedCredits {
  credits: number;
  ruleSet: CpdRuleSet;
  type: CpdActivityTypeRule;
  /** True when the type's cap per cycle cut the credits down. */
  capped: boolean;
}

const roundToStep = (raw: number, step: number): number => {
  if (!Number.isFinite(raw) || raw <= 0) return 0;
  const s = step > 0 ? step : 0.25;
  // Round via integer step counts so results are exact multiples of the step.
  return Math.round(raw / s) * s;
};

/** Credits for an activity by the rule set in force on its date; undefined when the set has no such category/type. */
export function computeCredits(input: CreditInput, rules: CreditRules = DEFAULT_CREDIT_RULES): ComputedCredits | undefined {
  const ruleSet = ruleSetFor(input.system, input.date);
  const type = activityTypeRule(ruleSet, input.category, input.activityType);
  if (!type) return undefined;
  let credits = roundToStep(input.amount * type.rate, rules.roundTo);
  let capped = false;
  if (type.capPerCycle !== undefined) {
    const left = Math.max(0, type.capPerCycle - (input.cappedSoFar ?? 0));
    if (credits > left) {
      credits = left;
      capped = true;
    }
  }
  return { credits, ruleSet, type, capped };
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

/** Credits (and hours) to the cent, as the colleges' portals record them: one rounding everywhere. */
export const toCents = (n: number): number => Math.round(n * 100) / 100;
