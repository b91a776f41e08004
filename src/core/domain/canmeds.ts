/**
 * CanMEDS roles as data, not code: the CanMEDS 2025 revision may add or rename roles,
 * and family medicine (CanMEDS-FM 2017) names the first role differently.
 */
import type { Pathway } from './enums.js';
import { aliasTable, lookupAlias } from './normalize.js';
import { CANMEDS_KEYS } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';

export type CanMedsRoleInfo = {
  readonly key: string;
  readonly label2015: string;
  readonly labelFm2017: string;
  readonly competencies: string;
  /** Extra words users type for this role (abbreviations, older names). */
  readonly aliases: readonly string[];
};

export const CANMEDS_ROLES = {
  MEDICAL_EXPERT: {
    key: 'MEDICAL_EXPERT',
    label2015: 'Medical Expert',
    labelFm2017: 'Family Medicine Expert',
    competencies:
      'practise within scope; patient-centred assessment and plan; procedures and therapies; ongoing care and consultation; quality and patient safety',
    aliases: ['expert', 'fm expert', 'me', 'fme', 'clinical expert'],
  },
  COMMUNICATOR: {
    key: 'COMMUNICATOR',
    label2015: 'Communicator',
    labelFm2017: 'Communicator',
    competencies:
      'therapeutic relationships; gather and synthesize information; share information and plans; shared decisions; documentation',
    aliases: ['communication', 'comm'],
  },
  COLLABORATOR: {
    key: 'COLLABORATOR',
    label2015: 'Collaborator',
    labelFm2017: 'Collaborator',
    competencies: 'work with colleagues; manage differences and conflict; safe handover',
    aliases: ['collaboration', 'collab'],
  },
  LEADER: {
    key: 'LEADER',
    label2015: 'Leader',
    labelFm2017: 'Leader',
    competencies: 'improve care delivery; steward resources; lead in practice; career, finances, human resources',
    // "Manager" was the role's name before CanMEDS 2015.
    aliases: ['leadership', 'manager'],
  },
  HEALTH_ADVOCATE: {
    key: 'HEALTH_ADVOCATE',
    label2015: 'Health Advocate',
    labelFm2017: 'Health Advocate',
    competencies: 'advocate for individual patients; advocate for communities and populations',
    aliases: ['advocate', 'advocacy', 'ha'],
  },
  SCHOLAR: {
    key: 'SCHOLAR',
    label2015: 'Scholar',
    labelFm2017: 'Scholar',
    competencies: 'lifelong learning; teaching; evidence-informed practice; creating knowledge',
    aliases: ['scholarship'],
  },
  PROFESSIONAL: {
    key: 'PROFESSIONAL',
    label2015: 'Professional',
    labelFm2017: 'Professional',
    competencies: 'commitment to patients, society, the profession, and physician health',
    aliases: ['professionalism', 'pro'],
  },
} as const satisfies Record<string, CanMedsRoleInfo>;

export type CanMedsRole = keyof typeof CANMEDS_ROLES;
export const CANMEDS_ROLE_KEYS = Object.keys(CANMEDS_ROLES) as CanMedsRole[];

export type CanMedsFramework = 'CANMEDS_2015' | 'CANMEDS_FM_2017';
/** Family practice pathways use CanMEDS-FM; the specialty pathway uses CanMEDS 2015. */
export const CANMEDS_FRAMEWORK_BY_PATHWAY: Readonly<Record<Pathway, CanMedsFramework>> = {
  PRA_MB_FP: 'CANMEDS_FM_2017',
  MLPIMG: 'CANMEDS_FM_2017',
  PRA_MB_SP: 'CANMEDS_2015',
};

/**
 * The label that fits the participant's pathway, in the reader's language (the Royal College's and the
 * CFPC's French in French); without a pathway, the CanMEDS 2015 label.
 */
export function canMedsLabel(role: CanMedsRole, pathway?: Pathway, locale: Locale = 'en'): string {
  const keys = CANMEDS_KEYS[role];
  const fm = pathway !== undefined && CANMEDS_FRAMEWORK_BY_PATHWAY[pathway] === 'CANMEDS_FM_2017';
  return t(locale, fm ? keys.labelFm2017 : keys.label2015);
}

const CANMEDS_ALIASES = aliasTable<CanMedsRole>(
  CANMEDS_ROLE_KEYS.map((key) => {
    const info: CanMedsRoleInfo = CANMEDS_ROLES[key];
    return [key, [info.key, info.label2015, info.labelFm2017, t('fr', CANMEDS_KEYS[key].label2015), t('fr', CANMEDS_KEYS[key].labelFm2017), ...info.aliases]] as const;
  }),
);

export function parseCanMedsRole(text: string): CanMedsRole | undefined {
  return lookupAlias(CANMEDS_ALIASES, text);
}

/** Parses a comma/semicolon-separated list; unknown entries are returned so the caller can name them. */
export function parseCanMedsRoles(text: string): { roles: CanMedsRole[]; unknown: string[] } {
  const roles: CanMedsRole[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[,;\n]+/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const role = parseCanMedsRole(trimmed);
    if (role === undefined) unknown.push(trimmed);
    else if (!roles.includes(role)) roles.push(role);
  }
  return { roles, unknown };
}
