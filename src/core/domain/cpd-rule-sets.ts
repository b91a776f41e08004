/**
 * The colleges' CPD rules as data: one rule set per system and version, each with the date it took
 * effect and where it comes from (DOMAIN.md, "CPD credit systems"). An activity is judged by the set
 * in force on its date, so the next revision is one more entry here, and activities logged under a
 * retired set keep their credits. Look the sources up again before changing a figure. Apart from
 * cpd-rules.ts (the shape of a set and what is read from one) so a revision touches only this file.
 */
import type { MessageKey } from '../i18n/translate.js';
import type { CpdActivityTypeRule, CpdCategoryRule, CpdRuleSet, CreditUnit } from './cpd-rules.js';

const hourType = (key: string, label: string, labelKey: MessageKey, rate: number, certified: boolean, aliases: readonly string[], extra: Partial<CpdActivityTypeRule> = {}): CpdActivityTypeRule => ({
  key, label, labelKey, unit: 'hour', unitName: ['hour', 'hours'], rate, certified, aliases, ...extra,
});

// ---- Mainpro+ (CFPC) ------------------------------------------------------------------------------

/** The portal's activity types; the category says whether (and how) the activity is certified. */
const mainproTypes = (certified: boolean, rate = 1): CpdActivityTypeRule[] => [
  hourType('GROUP_LEARNING', 'Group learning', 'cpd.type.groupLearning', rate, certified, ['group', 'group learning', 'groupe', 'apprentissage en groupe', 'collectif']),
  hourType('SELF_LEARNING', 'Self-learning', 'cpd.type.selfLearning', rate, certified, ['self', 'self-learning', 'self learning', 'autoapprentissage', 'autodirigé', 'apprentissage autodirigé']),
  hourType('ASSESSMENT', 'Assessment', 'cpd.type.assessment', rate, certified, ['assessment', 'assess', 'évaluation']),
];

const MAINPRO_CATEGORY_ALIASES = {
  CERTIFIED: ['certified', 'cert', 'certifié', 'certifiée'],
  CERTIFIED_ASSESSMENT: ['certified assessment', 'cert assessment', 'évaluation certifiée'],
  NON_CERTIFIED: ['non-certified', 'noncertified', 'uncertified', 'not certified', 'non certifié', 'non certifiée'],
};

const MAINPRO_2024_12: CpdRuleSet = {
  id: 'mainpro-2024-12',
  system: 'MAINPRO_PLUS',
  name: 'Mainpro+ certification standards of December 2024',
  nameKey: 'cpd.set.mainpro2024',
  effectiveFrom: '2024-12-01',
  source: 'cfpc.ca "Understanding the new Mainpro+ certification standards" and Mainpro+ policies; ontariofamilyphysicians.ca "Reporting your Mainpro+ credits"',
  certifiedWord: 'certified',
  creditYearStartMonth: 7,
  cycleYears: 5,
  perYear: 25,
  perCycle: 250,
  cycleMinimums: [
    { label: 'Certified or Certified Assessment', labelKey: 'cpd.minimum.certifiedOrAssessment', categories: ['CERTIFIED', 'CERTIFIED_ASSESSMENT'], credits: 125, shownInProgress: false },
    { label: 'Certified Assessment', labelKey: 'cpd.minimum.certifiedAssessment', categories: ['CERTIFIED_ASSESSMENT'], credits: 10, shownInProgress: true },
  ],
  categories: [
    { key: 'CERTIFIED', label: 'Certified', labelKey: 'cpd.category.certified', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED, activityTypes: mainproTypes(true) },
    { key: 'CERTIFIED_ASSESSMENT', label: 'Certified Assessment', labelKey: 'cpd.category.certifiedAssessment', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED_ASSESSMENT, activityTypes: mainproTypes(true) },
    { key: 'NON_CERTIFIED', label: 'Non-certified', labelKey: 'cpd.category.nonCertified', aliases: MAINPRO_CATEGORY_ALIASES.NON_CERTIFIED, activityTypes: mainproTypes(false) },
  ],
};

/**
 * The grid retired in December 2024 (Group / Self / Assessment × certified or not), in the same
 * words as today's categories: certified assessment activities earned 3 credits per hour then
 * (some were certified at 2: the credits stay editable).
 */
const MAINPRO_2019_07: CpdRuleSet = {
  ...MAINPRO_2024_12,
  id: 'mainpro-2019-07',
  name: 'Mainpro+ before the December 2024 standards',
  nameKey: 'cpd.set.mainpro2019',
  effectiveFrom: '2019-07-01',
  source: 'cfp.ca "Summary of updates to Mainpro+ requirements" (Certified 1, 2 or 3 credits per hour; Non-certified); DOMAIN.md',
  cycleMinimums: [{ label: 'Certified', labelKey: 'cpd.minimum.certified', categories: ['CERTIFIED', 'CERTIFIED_ASSESSMENT'], credits: 125, shownInProgress: false }],
  categories: [
    { key: 'CERTIFIED', label: 'Certified', labelKey: 'cpd.category.certified', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED, activityTypes: mainproTypes(true) },
    { key: 'CERTIFIED_ASSESSMENT', label: 'Certified Assessment', labelKey: 'cpd.category.certifiedAssessment', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED_ASSESSMENT, activityTypes: mainproTypes(true, 3) },
    { key: 'NON_CERTIFIED', label: 'Non-certified', labelKey: 'cpd.category.nonCertified', aliases: MAINPRO_CATEGORY_ALIASES.NON_CERTIFIED, activityTypes: mainproTypes(false) },
  ],
};

// ---- MOC (Royal College) --------------------------------------------------------------------------

const itemType = (key: string, label: string, labelKey: MessageKey, unit: CreditUnit, unitName: readonly [string, string], unitWordsFr: readonly string[], rate: number, aliases: readonly string[], extra: Partial<CpdActivityTypeRule> = {}): CpdActivityTypeRule => ({
  key, label, labelKey, unit, unitName, unitWordsFr, rate, certified: false, aliases, ...extra,
});

const MOC_SECTION_1: CpdCategoryRule = {
  key: 'SECTION_1',
  label: 'Section 1: Group Learning',
  labelKey: 'cpd.category.section1',
  aliases: ['section 1', 'sec 1', 's1', 'group', 'group learning', 'groupe', 'apprentissage collectif', 'collectif'],
  activityTypes: [
    hourType('ACCREDITED_GROUP', 'Accredited group learning (conference, rounds, journal club)', 'cpd.type.accreditedGroup', 1, true, []),
    hourType('UNACCREDITED_GROUP', 'Unaccredited group learning', 'cpd.type.unaccreditedGroup', 0.5, false, [], { capPerCycle: 50 }),
  ],
};

const MOC_SECTION_2: CpdCategoryRule = {
  key: 'SECTION_2',
  label: 'Section 2: Self-Learning',
  labelKey: 'cpd.category.section2',
  aliases: ['section 2', 'sec 2', 's2', 'self', 'self-learning', 'self learning', 'apprentissage autodirigé', 'autodirigé', 'autoapprentissage'],
  activityTypes: [
    hourType('PERSONAL_LEARNING_PROJECT', 'Personal learning project', 'cpd.type.personalLearningProject', 2, false, ['personal learning project', 'plp', 'projet d’apprentissage personnel']),
    itemType('JOURNAL_ARTICLE', 'Reading a journal article', 'cpd.type.journalArticle', 'article', ['article', 'articles'], [], 1, ['journal article', 'article de revue'], { journalReading: true }),
    itemType('SCANNING_TOPIC', 'Scanning a topic (internet searching, e.g. UpToDate)', 'cpd.type.scanningTopic', 'topic', ['topic', 'topics'], ['sujet', 'sujets'], 0.5, ['scanning', 'internet search', 'survol', 'recherche internet'], { journalReading: false }),
    itemType('JOURNAL_VOLUME', 'Reading a journal volume', 'cpd.type.journalVolume', 'item', ['volume', 'volumes'], ['numéro', 'numéros'], 2, ['journal volume', 'journal issue', 'numéro de revue'], { journalReading: true }),
    itemType('BOOK', 'Reading a book', 'cpd.type.book', 'item', ['book', 'books'], ['livre', 'livres'], 10, []),
    itemType('BOOK_CHAPTER', 'Reading a book chapter', 'cpd.type.bookChapter', 'item', ['chapter', 'chapters'], ['chapitre', 'chapitres'], 2, ['book chapter', 'chapitre de livre']),
    itemType('PODCAST', 'Podcast, audio or video', 'cpd.type.podcast', 'item', ['podcast', 'podcasts'], ['balado', 'balados'], 0.5, []),
    itemType('POEM', 'POEM (patient-oriented evidence that matters)', 'cpd.type.poem', 'item', ['POEM', 'POEMs'], [], 0.25, []),
    itemType('FORMAL_COURSE', 'Formal course', 'cpd.type.formalCourse', 'item', ['course', 'courses'], ['cours'], 25, ['formal course', 'cours structuré']),
    hourType('TRAINEESHIP', 'Traineeship (e.g. ACLS, ATLS)', 'cpd.type.traineeship', 2, false, ['traineeship', 'stage']),
  ],
};

const mocSection3 = (withFeedbackReceived: boolean): CpdCategoryRule => ({
  key: 'SECTION_3',
  label: 'Section 3: Assessment',
  labelKey: 'cpd.category.section3',
  aliases: ['section 3', 'sec 3', 's3', 'assessment', 'assess', 'évaluation'],
  activityTypes: [
    hourType('KNOWLEDGE_ASSESSMENT', 'Accredited self-assessment (knowledge)', 'cpd.type.knowledgeAssessment', 3, true, ['knowledge assessment', 'self-assessment', 'self assessment', 'autoévaluation']),
    hourType('SIMULATION', 'Accredited simulation', 'cpd.type.simulation', 3, true, ['simulation']),
    hourType('PERFORMANCE_ASSESSMENT', 'Performance assessment (chart audit, practice review)', 'cpd.type.performanceAssessment', 3, false, ['performance assessment', 'chart audit', 'évaluation du rendement', 'vérification de dossiers']),
    ...(withFeedbackReceived ? [hourType('FEEDBACK_RECEIVED', 'Feedback received (multi-source feedback, feedback on teaching, direct observation)', 'cpd.type.feedbackReceived', 3, false, ['feedback received', 'feedback', 'multi-source feedback', 'msf', 'rétroaction reçue', 'rétroaction', 'rétroaction multisource'])] : []),
  ],
});

const MOC_2024: CpdRuleSet = {
  id: 'moc-2024',
  system: 'MOC',
  name: 'MOC Program as refreshed in 2024',
  nameKey: 'cpd.set.moc2024',
  effectiveFrom: '2024-01-01',
  source: 'royalcollege.ca newsroom "Evolution of the MOC Program in 2024" (capa-acam.ca summary); royalcollege.ca MOC framework table',
  certifiedWord: 'accredited',
  creditYearStartMonth: 1,
  reportBy: { month: 1, day: 31 },
  cycleYears: 5,
  perYear: 25,
  perCycle: 250,
  cycleMinimums: [
    { label: 'Section 3', labelKey: 'cpd.minimum.section3', categories: ['SECTION_3'], credits: 25, shownInProgress: true },
    { label: 'Feedback Received (Section 3)', labelKey: 'cpd.minimum.feedbackReceived', categories: ['SECTION_3'], activityType: { key: 'FEEDBACK_RECEIVED', count: 1 }, shownInProgress: true },
  ],
  categories: [MOC_SECTION_1, MOC_SECTION_2, mocSection3(true)],
};

/** Before 2024: 40 credits a year, 400 a cycle, at least 25 in each section. */
const MOC_2014: CpdRuleSet = {
  ...MOC_2024,
  id: 'moc-2014',
  name: 'MOC Program before the 2024 refresh',
  nameKey: 'cpd.set.moc2014',
  effectiveFrom: '2014-01-01',
  source: 'royalcollege.ca MOC framework (before 2024); royalcollege.ca newsroom "Evolution of the MOC Program in 2024"',
  perYear: 40,
  perCycle: 400,
  cycleMinimums: [
    { label: 'Section 1', labelKey: 'cpd.minimum.section1', categories: ['SECTION_1'], credits: 25, shownInProgress: false },
    { label: 'Section 2', labelKey: 'cpd.minimum.section2', categories: ['SECTION_2'], credits: 25, shownInProgress: false },
    { label: 'Section 3', labelKey: 'cpd.minimum.section3', categories: ['SECTION_3'], credits: 25, shownInProgress: true },
  ],
  categories: [MOC_SECTION_1, MOC_SECTION_2, mocSection3(false)],
};

/** Every set we keep, oldest first within each system. The oldest also serves anything older. */
export const CPD_RULE_SETS: readonly CpdRuleSet[] = [MAINPRO_2019_07, MAINPRO_2024_12, MOC_2014, MOC_2024];
