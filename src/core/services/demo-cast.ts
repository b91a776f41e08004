// The demo's fictional cast and material (demo.service.ts plays the story with them): the
// coordinator, mentors and mentees with their habits, the meeting topics, the CPD activities in the
// words of both systems, the next steps. Sample data, apart so the story reads without it; it stays
// as written in any program language.
import type { CanMedsRole } from '../domain/canmeds.js';
import type { LearningOutcome, MeetingFormat, Pathway } from '../domain/enums.js';

export const DEMO_EMAIL_DOMAIN = 'demo.example.org';

type Habit = 'steady' | 'stalled' | 'light-cpd' | 'slow-reflections' | 'late-start' | 'keen';

interface MenteeSpec {
  name: string;
  pathway: Pathway;
  mentor: number;
  habit: Habit;
}

export const COORDINATOR = { name: 'Morgan Placeholder', email: `coordinator@${DEMO_EMAIL_DOMAIN}` };
export const MENTORS = ['Dr. Alder Sample', 'Dr. Briar Example', 'Dr. Cedar Fictive'];
export const MENTEES: MenteeSpec[] = [
  { name: 'Dr. Dahlia Demo', pathway: 'PRA_MB_FP', mentor: 0, habit: 'steady' },
  { name: 'Dr. Elm Testwell', pathway: 'PRA_MB_FP', mentor: 0, habit: 'stalled' },
  { name: 'Dr. Fern Sample', pathway: 'MLPIMG', mentor: 1, habit: 'light-cpd' },
  { name: 'Dr. Hazel Example', pathway: 'PRA_MB_SP', mentor: 1, habit: 'slow-reflections' },
  { name: 'Dr. Iris Fictive', pathway: 'PRA_MB_SP', mentor: 2, habit: 'late-start' },
  { name: 'Dr. Juniper Demo', pathway: 'MLPIMG', mentor: 2, habit: 'keen' },
];

export const emailOf = (name: string): string =>
  `${name.replace(/^Dr\.\s+/, '').toLowerCase().replace(/[^a-z]+/g, '.')}@${DEMO_EMAIL_DOMAIN}`;

export const TOPICS: { topics: string; roles: CanMedsRole[] }[] = [
  { topics: 'Billing codes and the fee schedule for chronic disease visits', roles: ['LEADER'] },
  { topics: 'Breaking difficult news; using interpreters well', roles: ['COMMUNICATOR'] },
  { topics: 'Referral pathways and working with the local home care team', roles: ['COLLABORATOR'] },
  { topics: 'Managing a full clinic day and avoiding burnout', roles: ['PROFESSIONAL', 'LEADER'] },
  { topics: 'Approach to chest pain in the office; when to send to emergency', roles: ['MEDICAL_EXPERT'] },
  { topics: 'Opioid stewardship and tapering conversations', roles: ['MEDICAL_EXPERT', 'COMMUNICATOR'] },
  { topics: 'Documentation habits and the electronic medical record', roles: ['COMMUNICATOR', 'LEADER'] },
  { topics: 'Screening programs and outreach to under-served patients', roles: ['HEALTH_ADVOCATE'] },
  { topics: 'Reading guidelines critically; planning a learning project', roles: ['SCHOLAR'] },
  { topics: 'Handover and on-call expectations in a rural hospital', roles: ['COLLABORATOR', 'PROFESSIONAL'] },
];

type DemoKind = { category: string; activityType: string; units?: number };
/** Each activity in the words of both systems: a demo mentee logs it in their own. */
export const CPD: { title: string; mainpro: DemoKind; moc: DemoKind; hours: number; roles: CanMedsRole[] }[] = [
  { title: 'Journal club: managing type 2 diabetes', mainpro: { category: 'CERTIFIED', activityType: 'GROUP_LEARNING' }, moc: { category: 'SECTION_1', activityType: 'ACCREDITED_GROUP' }, hours: 1.5, roles: ['MEDICAL_EXPERT', 'SCHOLAR'] },
  { title: 'Online module: safer opioid prescribing', mainpro: { category: 'CERTIFIED', activityType: 'SELF_LEARNING' }, moc: { category: 'SECTION_2', activityType: 'PERSONAL_LEARNING_PROJECT' }, hours: 3, roles: ['MEDICAL_EXPERT'] },
  { title: 'Grand rounds: sepsis recognition', mainpro: { category: 'CERTIFIED', activityType: 'GROUP_LEARNING' }, moc: { category: 'SECTION_1', activityType: 'ACCREDITED_GROUP' }, hours: 1, roles: ['MEDICAL_EXPERT'] },
  { title: 'Reading: hypertension guideline update', mainpro: { category: 'NON_CERTIFIED', activityType: 'SELF_LEARNING' }, moc: { category: 'SECTION_2', activityType: 'JOURNAL_ARTICLE', units: 3 }, hours: 2, roles: ['SCHOLAR'] },
  { title: 'Practice audit: cancer screening rates', mainpro: { category: 'CERTIFIED_ASSESSMENT', activityType: 'ASSESSMENT' }, moc: { category: 'SECTION_3', activityType: 'PERFORMANCE_ASSESSMENT' }, hours: 4, roles: ['HEALTH_ADVOCATE', 'LEADER'] },
  { title: 'Workshop: communicating with interpreters', mainpro: { category: 'CERTIFIED', activityType: 'GROUP_LEARNING' }, moc: { category: 'SECTION_1', activityType: 'ACCREDITED_GROUP' }, hours: 3, roles: ['COMMUNICATOR'] },
  { title: 'Podcast series: dermatology in primary care', mainpro: { category: 'NON_CERTIFIED', activityType: 'SELF_LEARNING' }, moc: { category: 'SECTION_2', activityType: 'PODCAST', units: 4 }, hours: 2.5, roles: ['MEDICAL_EXPERT'] },
  { title: 'Simulation session: obstetric emergencies', mainpro: { category: 'CERTIFIED_ASSESSMENT', activityType: 'GROUP_LEARNING' }, moc: { category: 'SECTION_3', activityType: 'SIMULATION' }, hours: 3, roles: ['MEDICAL_EXPERT', 'COLLABORATOR'] },
];

export const NEXT_STEPS = [
  'Read the guideline we discussed; bring two questions next time.',
  'Shadow a colleague for one clinic half-day and note what they do differently.',
  'Draft a patient handout on the topic and share it before the next meeting.',
  'Look up the local referral forms and try one with a real (anonymised) case.',
  'Keep a short log of similar cases this month; we will review it together.',
  'Complete the online module we found and note one change for practice.',
];

export const FORMATS: MeetingFormat[] = ['VIDEO', 'IN_PERSON', 'VIDEO', 'PHONE'];
export const OUTCOMES: LearningOutcome[] = ['EXPANDED_KNOWLEDGE', 'CHANGED_PRACTICE', 'CONFIRMED_PRACTICE', 'IMPROVED_PERFORMANCE'];
