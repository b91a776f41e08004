/**
 * String-literal unions mirroring the Prisma enums exactly (core must not import Prisma),
 * with the labels users see and lenient parsers for what they type.
 * Parsers return undefined for unknown text; the caller knows which field it was and
 * throws `badInput` with an example.
 */
import { z } from 'zod';
import { aliasTable, lookupAlias } from './normalize.js';
import { CPD_SYSTEM_KEYS, englishLabels, GOAL_STATUS_KEYS, MEETING_FORMAT_KEYS, OUTCOME_KEYS, PATHWAY_KEYS, PLATFORM_KEYS, ROLE_KEYS } from '../i18n/labels.js';

export const ROLES = ['MENTEE', 'MENTOR', 'COORDINATOR'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);
export const ROLE_LABELS: Readonly<Record<Role, string>> = englishLabels(ROLE_KEYS);

export const PATHWAYS = ['PRA_MB_FP', 'MLPIMG', 'PRA_MB_SP'] as const;
export type Pathway = (typeof PATHWAYS)[number];
export const PathwaySchema = z.enum(PATHWAYS);
export const PATHWAY_LABELS: Readonly<Record<Pathway, string>> = englishLabels(PATHWAY_KEYS);

export const CPD_SYSTEMS = ['MAINPRO_PLUS', 'MOC'] as const;
export type CpdSystem = (typeof CPD_SYSTEMS)[number];
export const CpdSystemSchema = z.enum(CPD_SYSTEMS);
export const CPD_SYSTEM_LABELS: Readonly<Record<CpdSystem, string>> = englishLabels(CPD_SYSTEM_KEYS);

// CPD categories and activity types are the colleges' data, per rule set: see cpd-rule-sets.ts.

export const MEETING_FORMATS = ['IN_PERSON', 'VIDEO', 'PHONE', 'CHAT'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const MeetingFormatSchema = z.enum(MEETING_FORMATS);
export const MEETING_FORMAT_LABELS: Readonly<Record<MeetingFormat, string>> = englishLabels(MEETING_FORMAT_KEYS);

export const PLATFORMS = ['SLACK', 'TEAMS'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const PlatformSchema = z.enum(PLATFORMS);
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = englishLabels(PLATFORM_KEYS);

export const LEARNING_OUTCOMES = [
  'CONFIRMED_PRACTICE',
  'EXPANDED_KNOWLEDGE',
  'CHANGED_PRACTICE',
  'IMPROVED_PERFORMANCE',
  'CONTINUE_LEARNING',
] as const;
export type LearningOutcome = (typeof LEARNING_OUTCOMES)[number];
export const LearningOutcomeSchema = z.enum(LEARNING_OUTCOMES);
/** Worded as the Royal College records the outcome of a learning activity. */
export const LEARNING_OUTCOME_LABELS: Readonly<Record<LearningOutcome, string>> = englishLabels(OUTCOME_KEYS);

export const GOAL_STATUSES = ['ON_TRACK', 'ACHIEVED', 'DROPPED'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GoalStatusSchema = z.enum(GOAL_STATUSES);
export const GOAL_STATUS_LABELS: Readonly<Record<GoalStatus, string>> = englishLabels(GOAL_STATUS_KEYS);

const ROLE_ALIASES = aliasTable<Role>([
  // French: "mentoré(e)" for a mentee, typed with its accent (see parseRole for "mentore").
  ['MENTEE', ['mentee', 'mentees', 'mentoré', 'mentorée', 'mentorés', 'mentorées', 'personne mentorée']],
  ['MENTOR', ['mentor', 'mentors']],
  ['COORDINATOR', ['coordinator', 'coordinators', 'coord', 'coordonnateur', 'coordonnatrice', 'coordonnateurs', 'coordonnatrices', 'coordination']],
]);
/**
 * "mentore" without an accent is the feminine of *mentor* in Quebec usage, and also "mentoré" typed
 * without its accent: either reading could enrol someone in the wrong role, so it is refused (the
 * caller's error lists the words that are not ambiguous). Accents are folded by lookupAlias, hence
 * the check on the word as typed.
 */
const AMBIGUOUS_ROLE = /^\s*mentores?\s*$/i;
export const parseRole = (text: string): Role | undefined => (AMBIGUOUS_ROLE.test(text) ? undefined : lookupAlias(ROLE_ALIASES, text));

const PATHWAY_ALIASES = aliasTable<Pathway>([
  ['PRA_MB_FP', ['PRA_MB_FP', 'PRA MB-FP', 'PRA-FP', 'FP', 'family practice']],
  ['MLPIMG', ['MLPIMG', 'MLP-IMG', 'MLP']],
  ['PRA_MB_SP', ['PRA_MB_SP', 'PRA MB-SP', 'PRA-SP', 'SP', 'specialty practice', 'specialty']],
]);
export const parsePathway = (text: string): Pathway | undefined => lookupAlias(PATHWAY_ALIASES, text);

const CPD_SYSTEM_ALIASES = aliasTable<CpdSystem>([
  ['MAINPRO_PLUS', ['MAINPRO_PLUS', 'Mainpro+', 'mainpro', 'mainpro plus', 'CFPC', 'CMFC']],
  ['MOC', ['MOC', 'maintenance of certification', 'royal college', 'RCPSC', 'MDC', 'maintien du certificat', 'programme de maintien du certificat', 'Collège royal', 'CRMCC']],
]);
export const parseCpdSystem = (text: string): CpdSystem | undefined => lookupAlias(CPD_SYSTEM_ALIASES, text);

const MEETING_FORMAT_ALIASES = aliasTable<MeetingFormat>([
  ['IN_PERSON', ['IN_PERSON', 'in-person', 'in person', 'f2f', 'face-to-face', 'en personne', 'présentiel', 'en présentiel']],
  ['VIDEO', ['video', 'video call', 'virtual', 'vidéo', 'visioconférence', 'visio', 'virtuel']],
  ['PHONE', ['phone', 'telephone', 'phone call', 'téléphone', 'appel téléphonique']],
  ['CHAT', ['chat', 'clavardage']],
]);
export const parseMeetingFormat = (text: string): MeetingFormat | undefined =>
  lookupAlias(MEETING_FORMAT_ALIASES, text);

const PLATFORM_ALIASES = aliasTable<Platform>([
  ['SLACK', ['slack']],
  ['TEAMS', ['teams', 'microsoft teams', 'msteams']],
]);
export const parsePlatform = (text: string): Platform | undefined => lookupAlias(PLATFORM_ALIASES, text);

const LEARNING_OUTCOME_ALIASES = aliasTable<LearningOutcome>([
  ['CONFIRMED_PRACTICE', ['CONFIRMED_PRACTICE', 'confirmed', 'confirm', 'confirmed current practice']],
  ['EXPANDED_KNOWLEDGE', ['EXPANDED_KNOWLEDGE', 'expanded', 'expand', 'expanded knowledge']],
  ['CHANGED_PRACTICE', ['CHANGED_PRACTICE', 'changed', 'change', 'changed practice']],
  ['IMPROVED_PERFORMANCE', ['IMPROVED_PERFORMANCE', 'improved', 'improve', 'improved performance']],
  ['CONTINUE_LEARNING', ['CONTINUE_LEARNING', 'continue', 'continue learning', 'need to continue learning']],
]);
export const parseLearningOutcome = (text: string): LearningOutcome | undefined =>
  lookupAlias(LEARNING_OUTCOME_ALIASES, text);

const GOAL_STATUS_ALIASES = aliasTable<GoalStatus>([
  ['ON_TRACK', ['ON_TRACK', 'on track', 'open', 'active']],
  ['ACHIEVED', ['achieved', 'done', 'met']],
  ['DROPPED', ['dropped', 'drop', 'abandoned']],
]);
export const parseGoalStatus = (text: string): GoalStatus | undefined => lookupAlias(GOAL_STATUS_ALIASES, text);

/** Family physicians report to CFPC Mainpro+, specialists to the Royal College MOC program. */
export const DEFAULT_CPD_SYSTEM_BY_PATHWAY: Readonly<Record<Pathway, CpdSystem>> = {
  PRA_MB_FP: 'MAINPRO_PLUS',
  MLPIMG: 'MAINPRO_PLUS',
  PRA_MB_SP: 'MOC',
};
export function defaultCpdSystem(
  pathway: Pathway,
  byPathway: Readonly<Record<Pathway, CpdSystem>> = DEFAULT_CPD_SYSTEM_BY_PATHWAY,
): CpdSystem {
  return byPathway[pathway];
}
