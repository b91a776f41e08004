// The program this deployment serves: created on first start from the program settings, which stay
// the source of truth for its name, time zone and rules; the first coordinators come from config.
import type { Clock, ProgramInfo } from '../context.js';
import type { Db } from '../../store/store.js';
import { ProgramRulesSchema, type ProgramRules } from '../domain/program-rules.js';
import { localDate } from '../domain/time.js';
import { toDbDate } from './db-dates.js';
import { clocked } from '../../store/clocked.js';

export interface ProgramSettings {
  slug: string;
  name: string;
  timeZone: string;
  locale: string;
  rules: ProgramRules;
}

export async function ensureProgram(store: Db, settings: ProgramSettings, coordinators: string[], clock: Clock): Promise<ProgramInfo> {
  const db = clocked(store, clock);
  const data = { name: settings.name, timeZone: settings.timeZone, locale: settings.locale, rules: settings.rules };
  const program = await db.program.upsert({ where: { slug: settings.slug }, create: { slug: settings.slug, ...data }, update: data });
  const info: ProgramInfo = { ...program, rules: ProgramRulesSchema.parse(program.rules) };
  const today = localDate(clock.now(), info.timeZone);
  for (const ref of coordinators) await ensureCoordinator(db, info, ref, today);
  return info;
}

/** `ref` is an email, `slack:<team>:<user>` or `teams:<tenant>:<aad-object-id>` (validated by config). */
async function ensureCoordinator(db: Db, program: ProgramInfo, ref: string, today: string): Promise<void> {
  const personId = await personForRef(db, ref);
  await db.enrollment.upsert({
    where: { programId_personId_role: { programId: program.id, personId, role: 'COORDINATOR' } },
    create: { programId: program.id, personId, role: 'COORDINATOR', startDate: toDbDate(today) },
    update: {},
  });
}

async function personForRef(db: Db, ref: string): Promise<string> {
  const chat = /^(slack|teams):([^:]+):(.+)$/.exec(ref);
  if (!chat) {
    const email = ref.toLowerCase();
    const person = await db.person.upsert({ where: { email }, create: { email, name: email.split('@')[0]! }, update: {} });
    return person.id;
  }
  const platform = chat[1] === 'slack' ? 'SLACK' : 'TEAMS';
  const key = { platform, workspaceId: chat[2]!, userId: chat[3]! } as const;
  const account = await db.chatAccount.findUnique({ where: { platform_workspaceId_userId: key } });
  if (account) return account.personId;
  // The name is replaced by the real one the first time this coordinator talks to the bot.
  // Two writes rather than a nested one, so that both are stamped by core's clock (store/clocked.ts).
  const person = await db.person.create({ data: { name: `${platform === 'SLACK' ? 'Slack' : 'Teams'} user ${key.userId}` } });
  await db.chatAccount.create({ data: { ...key, personId: person.id } });
  return person.id;
}
