// The labels of the program's own words, in the reader's language. Each enum value names its catalogue
// key once here; the *_LABELS constants in domain/enums.ts are their English, for code not yet given a
// reader (the command line's tables, logs).
import type { CpdSystem, GoalStatus, LearningOutcome, MeetingFormat, Pathway, Platform, Role } from '../domain/enums.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import type { Locale } from './locale.js';
import { t, type MessageKey } from './translate.js';

export const ROLE_KEYS: Readonly<Record<Role, MessageKey>> = { MENTEE: 'common.role.mentee', MENTOR: 'common.role.mentor', COORDINATOR: 'common.role.coordinator' };
export const PATHWAY_KEYS: Readonly<Record<Pathway, MessageKey>> = { PRA_MB_FP: 'common.pathway.praMbFp', MLPIMG: 'common.pathway.mlpimg', PRA_MB_SP: 'common.pathway.praMbSp' };
export const CPD_SYSTEM_KEYS: Readonly<Record<CpdSystem, MessageKey>> = { MAINPRO_PLUS: 'common.cpdSystem.mainpro', MOC: 'common.cpdSystem.moc' };
export const CPD_SYSTEM_LONG_KEYS: Readonly<Record<CpdSystem, MessageKey>> = { MAINPRO_PLUS: 'common.cpdSystemLong.mainpro', MOC: 'common.cpdSystemLong.moc' };
export const MEETING_FORMAT_KEYS: Readonly<Record<MeetingFormat, MessageKey>> = { IN_PERSON: 'common.format.inPerson', VIDEO: 'common.format.video', PHONE: 'common.format.phone', CHAT: 'common.format.chat' };
export const PLATFORM_KEYS: Readonly<Record<Platform, MessageKey>> = { SLACK: 'common.platform.slack', TEAMS: 'common.platform.teams' };
export const OUTCOME_KEYS: Readonly<Record<LearningOutcome, MessageKey>> = {
  CONFIRMED_PRACTICE: 'common.outcome.confirmed',
  EXPANDED_KNOWLEDGE: 'common.outcome.expanded',
  CHANGED_PRACTICE: 'common.outcome.changed',
  IMPROVED_PERFORMANCE: 'common.outcome.improved',
  CONTINUE_LEARNING: 'common.outcome.continue',
};
export const GOAL_STATUS_KEYS: Readonly<Record<GoalStatus, MessageKey>> = { ON_TRACK: 'common.goalStatus.onTrack', ACHIEVED: 'common.goalStatus.achieved', DROPPED: 'common.goalStatus.dropped' };
/** CanMEDS 2015 label, and the CanMEDS-FM 2017 one where it differs. */
export const CANMEDS_KEYS: Readonly<Record<CanMedsRole, { label2015: MessageKey; labelFm2017: MessageKey }>> = {
  MEDICAL_EXPERT: { label2015: 'common.canmeds.medicalExpert', labelFm2017: 'common.canmeds.familyMedicineExpert' },
  COMMUNICATOR: { label2015: 'common.canmeds.communicator', labelFm2017: 'common.canmeds.communicator' },
  COLLABORATOR: { label2015: 'common.canmeds.collaborator', labelFm2017: 'common.canmeds.collaborator' },
  LEADER: { label2015: 'common.canmeds.leader', labelFm2017: 'common.canmeds.leader' },
  HEALTH_ADVOCATE: { label2015: 'common.canmeds.healthAdvocate', labelFm2017: 'common.canmeds.healthAdvocate' },
  SCHOLAR: { label2015: 'common.canmeds.scholar', labelFm2017: 'common.canmeds.scholar' },
  PROFESSIONAL: { label2015: 'common.canmeds.professional', labelFm2017: 'common.canmeds.professional' },
};

export const roleLabel = (locale: Locale, role: Role): string => t(locale, ROLE_KEYS[role]);
export const pathwayLabel = (locale: Locale, pathway: Pathway): string => t(locale, PATHWAY_KEYS[pathway]);
export const cpdSystemLabel = (locale: Locale, system: CpdSystem): string => t(locale, CPD_SYSTEM_KEYS[system]);
export const cpdSystemLongLabel = (locale: Locale, system: CpdSystem): string => t(locale, CPD_SYSTEM_LONG_KEYS[system]);
export const meetingFormatLabel = (locale: Locale, format: MeetingFormat): string => t(locale, MEETING_FORMAT_KEYS[format]);
export const platformLabel = (locale: Locale, platform: Platform): string => t(locale, PLATFORM_KEYS[platform]);
export const outcomeLabel = (locale: Locale, outcome: LearningOutcome): string => t(locale, OUTCOME_KEYS[outcome]);
export const goalStatusLabel = (locale: Locale, status: GoalStatus): string => t(locale, GOAL_STATUS_KEYS[status]);
export const yesNo = (locale: Locale, yes: boolean): string => t(locale, yes ? 'common.yes' : 'common.no');

/** All the English words of an enum's labels (the *_LABELS constants, derived, so they never drift). */
export const englishLabels = <K extends string>(keys: Readonly<Record<K, MessageKey>>): Readonly<Record<K, string>> =>
  Object.fromEntries(Object.entries(keys).map(([value, key]) => [value, t('en', key as MessageKey)])) as Record<K, string>;
