// The one statement that loads progress (loadProgress) and the decoding of its JSON rows: the only
// part of progress that reads the store, apart from the tally so that the arithmetic is tested without it.
import type { CoreContext } from '../context.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import type { CpdSystem, Pathway, Role } from '../domain/enums.js';
import { ruleSetFor } from '../domain/cpd-rules.js';
import { addDaysLocal, addMonthsLocal } from '../domain/time.js';
import { Prisma } from '../../generated/prisma/client.js';
import { toDbDate } from './db-dates.js';
import type { CpdGroup, EnrollmentState, ProgressData } from './progress.types.js';

/** A timestamp column as json_build_object writes it (no zone; the store keeps UTC) → Date. */
const utcStamp = (value: string): Date => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
const dbDateOrNull = (value: string | null): Date | null => (value === null ? null : toDbDate(value));

/**
 * Everything programProgress needs in ONE statement, whatever the program's size: each part is a
 * subquery aggregated in SQL and returned as JSON. The mentees in scope are exactly `ids`, or else
 * every active mentee (the only ones a whole-program view has rows for), so no aggregation runs over
 * people who get no row.
 */
export async function loadProgress(ctx: CoreContext, scope: { ids: string[] | undefined; today: string; now: Date }): Promise<ProgressData> {
  const { program } = ctx;
  const { ids, today } = scope;
  const p = program.id;
  const todayText = today;
  const nowText = scope.now.toISOString();
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const awayFrom = addDaysLocal(today, -400);
  const idList = ids && ids.length > 0 ? Prisma.join(ids) : Prisma.sql`NULL`;
  const inScope = ids
    ? Prisma.sql`IN (${idList})`
    : Prisma.sql`IN (SELECT "personId" FROM "Enrollment" WHERE "programId" = ${p} AND "role" = 'MENTEE' AND "status" = 'ACTIVE')`;
  const menteeEnrollment = ids ? Prisma.sql`e."personId" IN (${idList})` : Prisma.sql`e."status" = 'ACTIVE'`;
  const agg = (select: Prisma.Sql) => Prisma.sql`(SELECT COALESCE(json_agg(t), '[]'::json) FROM (${select}) t)`;

  type Loaded = {
    enrollments: { personId: string; pathway: Pathway | null; cpdSystem: CpdSystem | null; startDate: string; endDate: string | null; status: EnrollmentState; name: string; email: string | null }[];
    pairings: { id: string; mentorId: string; menteeId: string; fromDate: string; mentorName: string }[];
    meetings: { menteeId: string; pairingId: string; confirmation: ProgressData['meetingGroups'][number]['confirmation']; n: number; last: string | null; minutes: number | null }[];
    next: { menteeId: string; next: string | null }[];
    cpd: (Omit<CpdGroup, 'credits'> & { credits: number | string })[];
    reflections: { menteeId: string; status: ProgressData['reflectionGroups'][number]['status']; n: number; due: string | null }[];
    goals: { menteeId: string; status: ProgressData['goalGroups'][number]['status']; n: number }[];
    roleGroups: { role: Role; n: number }[];
    withdrawn: { personId: string; statusAt: string | null; name: string }[];
    aways: { personId: string; fromDate: string; untilDate: string }[];
    roles: { personId: string; role: CanMedsRole; n: number }[];
  };
  const parts: [keyof Loaded, Prisma.Sql][] = [
    ['enrollments', agg(Prisma.sql`
        SELECT e."personId", e."pathway", e."cpdSystem", e."startDate"::text AS "startDate", e."endDate"::text AS "endDate", e."status", pe."name", pe."email"
          FROM "Enrollment" e JOIN "Person" pe ON pe."id" = e."personId"
         WHERE e."programId" = ${p} AND e."role" = 'MENTEE' AND ${menteeEnrollment}
         ORDER BY pe."name", e."personId"`)],
    ['pairings', agg(Prisma.sql`
        SELECT pa."id", pa."mentorId", pa."menteeId", pa."fromDate"::text AS "fromDate", mp."name" AS "mentorName"
          FROM "Pairing" pa JOIN "Person" mp ON mp."id" = pa."mentorId"
         WHERE pa."programId" = ${p} AND pa."menteeId" ${inScope} AND pa."fromDate" <= ${todayText}::date AND (pa."untilDate" IS NULL OR pa."untilDate" > ${todayText}::date)`)],
    ['meetings', agg(Prisma.sql`
        SELECT "menteeId", "pairingId", "confirmation", count(*)::int AS n, max("date")::text AS last, sum("minutes")::int AS minutes
          FROM "Meeting" WHERE "programId" = ${p} AND "menteeId" ${inScope}
         GROUP BY 1, 2, 3`)],
    ['next', agg(Prisma.sql`
        SELECT "menteeId", min("nextMeetingDate")::text AS next
          FROM "Meeting" WHERE "programId" = ${p} AND "menteeId" ${inScope} AND "nextMeetingDate" >= ${todayText}::date AND "confirmation" <> 'DISPUTED'
         GROUP BY 1`)],
    ['cpd', agg(cpdTalliesSql(ctx, ids, today))],
    ['reflections', agg(Prisma.sql`
        SELECT "menteeId", "status", count(*)::int AS n, min("dueAt") AS due
          FROM "ReflectionPrompt"
         WHERE "programId" = ${p} AND "menteeId" ${inScope}
           AND ("status" = 'ANSWERED' OR ("status" IN ('OPEN', 'DRAFT') AND "dueAt" <= (${nowText}::timestamptz AT TIME ZONE 'UTC')))
         GROUP BY 1, 2`)],
    ['goals', agg(Prisma.sql`
        SELECT "menteeId", "status", count(*)::int AS n FROM "LearningGoal" WHERE "programId" = ${p} AND "menteeId" ${inScope} GROUP BY 1, 2`)],
    ['roleGroups', agg(Prisma.sql`
        SELECT "role", count(*)::int AS n FROM "Enrollment" WHERE "programId" = ${p} AND "status" = 'ACTIVE' ${ids ? Prisma.sql`AND "personId" IN (${idList})` : Prisma.empty} GROUP BY 1`)],
    ['withdrawn', ids
        ? Prisma.sql`'[]'::json`
        : agg(Prisma.sql`
        SELECT e."personId", e."statusAt", pe."name"
          FROM "Enrollment" e JOIN "Person" pe ON pe."id" = e."personId"
         WHERE e."programId" = ${p} AND e."status" = 'WITHDRAWN'
           AND (e."statusAt" >= ${yearStart}::timestamp OR (e."statusAt" IS NULL AND e."updatedAt" >= ${yearStart}::timestamp))
         ORDER BY pe."name", e."personId"`)],
    ['aways', agg(Prisma.sql`
        SELECT "personId", "fromDate"::text AS "fromDate", "untilDate"::text AS "untilDate"
          FROM "Away" WHERE "programId" = ${p} AND "fromDate" <= ${todayText}::date AND "untilDate" >= ${awayFrom}::date`)],
    ['roles', agg(Prisma.sql`
        SELECT r."personId", r.role::text AS role, count(*)::int AS n FROM (
          SELECT "menteeId" AS "personId", unnest("roles") AS role FROM "Meeting" WHERE "programId" = ${p} AND "confirmation" <> 'DISPUTED' AND "menteeId" ${inScope}
          UNION ALL
          SELECT "personId", unnest("roles") FROM "CpdActivity" WHERE "programId" = ${p} AND "personId" ${inScope}
          UNION ALL
          SELECT "menteeId", unnest("roles") FROM "ReflectionPrompt" WHERE "programId" = ${p} AND "status" = 'ANSWERED' AND "menteeId" ${inScope}
        ) r GROUP BY r."personId", r.role`)],
  ];
  // One statement for a mentee or a mentor's few; for the whole program, the two heaviest
  // aggregations (CPD tallies, CanMEDS roles) go as statements of their own beside the rest, so that
  // PostgreSQL runs the three at once on pooled connections: still a constant three, whatever the size.
  const groups: (keyof Loaded)[][] = ids ? [parts.map(([name]) => name)] : [['cpd'], ['roles'], parts.map(([name]) => name).filter((n) => n !== 'cpd' && n !== 'roles')];
  const select = (names: (keyof Loaded)[]) =>
    ctx.db.$queryRaw<Partial<Loaded>[]>`SELECT ${Prisma.join(
      parts.filter(([name]) => names.includes(name)).map(([name, sql]) => Prisma.sql`${sql} AS ${Prisma.raw(`"${name}"`)}`),
      ', ',
    )}`;
  const row = Object.assign({}, ...(await Promise.all(groups.map(async (names) => (await select(names))[0]!)))) as Loaded;
  return {
    enrollments: row.enrollments.map((e) => ({
      personId: e.personId,
      pathway: e.pathway,
      cpdSystem: e.cpdSystem,
      startDate: toDbDate(e.startDate),
      endDate: dbDateOrNull(e.endDate),
      status: e.status,
      person: { name: e.name, email: e.email },
    })),
    pairings: row.pairings.map((x) => ({ id: x.id, mentorId: x.mentorId, menteeId: x.menteeId, fromDate: toDbDate(x.fromDate), mentor: { name: x.mentorName } })),
    meetingGroups: row.meetings.map((g) => ({ menteeId: g.menteeId, pairingId: g.pairingId, confirmation: g.confirmation, _count: { _all: Number(g.n) }, _max: { date: dbDateOrNull(g.last) }, _sum: { minutes: g.minutes === null ? null : Number(g.minutes) } })),
    nextMeetingGroups: row.next.map((g) => ({ menteeId: g.menteeId, _min: { nextMeetingDate: dbDateOrNull(g.next) } })),
    cpdGroups: row.cpd.map((r) => ({ ...r, n: Number(r.n), creditYear: Number(r.creditYear), credits: Number(r.credits) })),
    reflectionGroups: row.reflections.map((g) => ({ menteeId: g.menteeId, status: g.status, _count: { _all: Number(g.n) }, _min: { dueAt: g.due === null ? null : utcStamp(g.due) } })),
    goalGroups: row.goals.map((g) => ({ menteeId: g.menteeId, status: g.status, _count: { _all: Number(g.n) } })),
    roleGroups: row.roleGroups.map((g) => ({ role: g.role, _count: { _all: Number(g.n) } })),
    withdrawn: row.withdrawn.map((w) => ({ personId: w.personId, statusAt: w.statusAt === null ? null : utcStamp(w.statusAt), person: { name: w.name } })),
    aways: row.aways.map((a) => ({ personId: a.personId, fromDate: toDbDate(a.fromDate), untilDate: toDbDate(a.untilDate) })),
    roleRows: row.roles.map((r) => ({ personId: r.personId, role: r.role, n: Number(r.n) })),
  };
}

/**
 * The CPD tallies (a subquery of loadProgress's one statement). The credit year's first month is the
 * one of each system's rule set in force today (Mainpro+ July, MOC January: the same in every set we keep).
 */
function cpdTalliesSql(ctx: CoreContext, ids: string[] | undefined, today: string): Prisma.Sql {
  const { program } = ctx;
  const mainpro = ruleSetFor('MAINPRO_PLUS', today);
  const moc = ruleSetFor('MOC', today);
  const cycleFrom = toDbDate(addMonthsLocal(today, -12 * Math.max(mainpro.cycleYears, moc.cycleYears)));
  const mocCycleFrom = toDbDate(addMonthsLocal(today, -12 * moc.cycleYears));
  const mainproCycleFrom = toDbDate(addMonthsLocal(today, -12 * mainpro.cycleYears));
  // Exactly these people, or else every active mentee (the only ones a whole-program view has rows for).
  const who = ids ? Prisma.sql`AND c."personId" IN (${ids.length ? Prisma.join(ids) : Prisma.sql`NULL`})` : Prisma.sql`AND e."status" = 'ACTIVE'`;
  return Prisma.sql`
    SELECT c."personId", c."system"::text AS "system", c."category", c."activityType", c."certified",
      COALESCE(c."date" >= e."startDate" AND c."date" <= COALESCE(e."endDate", (e."startDate" + make_interval(months => ${program.rules.programLengthMonths}::int))::date), false) AS "inProgram",
      (c."date" > CASE c."system"::text WHEN 'MOC' THEN ${mocCycleFrom}::date ELSE ${mainproCycleFrom}::date END) AS "inCycle",
      extract(year FROM c."date" - make_interval(months => CASE c."system"::text WHEN 'MOC' THEN ${moc.creditYearStartMonth - 1}::int ELSE ${mainpro.creditYearStartMonth - 1}::int END))::int AS "creditYear",
      count(*)::int AS n, sum(c."credits")::float8 AS credits
    FROM "CpdActivity" c
    ${ids ? Prisma.sql`LEFT JOIN` : Prisma.sql`JOIN`} "Enrollment" e ON e."programId" = c."programId" AND e."personId" = c."personId" AND e."role" = 'MENTEE'
    WHERE c."programId" = ${program.id} ${who} AND (c."date" > ${cycleFrom}::date OR (e."startDate" IS NOT NULL AND c."date" >= e."startDate" - 400))
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}
