// The statements that load progress (loadProgress) and the decoding of their JSON: the only part of
// progress that reads the store, apart from the tally so that the arithmetic is tested without it.
import type { CoreContext } from '../context.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import type { CpdSystem, Pathway, Role } from '../domain/enums.js';
import { ruleSetFor } from '../domain/cpd-rules.js';
import { addDaysLocal, addMonthsLocal } from '../domain/time.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { CpdGroup, EnrollmentState, ProgressData } from './progress.types.js';

/** A timestamp column as JSON writes it (no zone; the store keeps UTC) → Date. */
const utcStamp = (value: string): Date => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);

// Each part comes back as a JSON array of arrays (no repeated keys: the big parts have tens of
// thousands of entries); these tuples name the positions. Dates come as 'YYYY-MM-DD'.
type EnrollmentTuple = [personId: string, pathway: Pathway | null, cpdSystem: CpdSystem | null, startDate: string, endDate: string | null, status: EnrollmentState, name: string, email: string | null];
type PairingTuple = [id: string, mentorId: string, menteeId: string, fromDate: string, mentorName: string];
type MeetingTuple = [menteeId: string, pairingId: string, confirmation: ProgressData['meetingGroups'][number]['confirmation'], n: number, last: string | null, minutes: number | null, next: string | null];
type CpdTuple = [system: CpdSystem, category: string, activityType: string, certified: boolean, inProgram: boolean, inCycle: boolean, creditYear: number, n: number, cents: number];
type ReflectionTuple = [menteeId: string, answered: number, outstanding: number, oldestDue: string | null];
type RoleTuple = [personId: string, counts: Partial<Record<CanMedsRole, number>>];
type GoalTuple = [menteeId: string, status: ProgressData['goalGroups'][number]['status'], n: number];
type Loaded = {
  enrollments: EnrollmentTuple[];
  pairings: PairingTuple[];
  meetings: MeetingTuple[];
  cpd: [personId: string, groups: CpdTuple[]][];
  reflections: ReflectionTuple[];
  goals: GoalTuple[];
  roleGroups: [role: Role, n: number][];
  withdrawn: [personId: string, statusAt: string | null, name: string][];
  aways: [personId: string, fromDate: string, untilDate: string][];
  /** Per person, how often each CanMEDS role was touched in CPD activities, and in meetings and reflections. */
  cpdRoles: RoleTuple[];
  meetingRoles: RoleTuple[];
};

/**
 * Everything programProgress needs, each part aggregated in SQL and returned as JSON, in a constant
 * number of statements whatever the program's size. The mentees in scope are exactly `ids` (whatever
 * their status), or else every active mentee (the only ones a whole-program view has rows for): every
 * aggregation over meetings, CPD, reflections and goals starts from them, so none runs over people
 * who get no row.
 */
export async function loadProgress(ctx: CoreContext, scope: { ids: string[] | undefined; today: string; now: Date }): Promise<ProgressData> {
  const { program } = ctx;
  const { ids, today } = scope;
  const p = program.id;
  const idList = ids && ids.length > 0 ? Prisma.join(ids) : Prisma.sql`NULL`;
  const months = program.rules.programLengthMonths;
  // The mentees in scope with their program year's last day, computed once per mentee (not per record).
  const mentees = Prisma.sql`mentees AS (
    SELECT e."personId", e."startDate", COALESCE(e."endDate", (e."startDate" + make_interval(months => ${months}::int))::date) AS "programEnd"
      FROM "Enrollment" e
     WHERE e."programId" = ${p} AND e."role" = 'MENTEE' AND ${ids ? Prisma.sql`e."personId" IN (${idList})` : Prisma.sql`e."status" = 'ACTIVE'`})`;
  const inScope = Prisma.sql`IN (SELECT "personId" FROM mentees)`;
  const agg = (select: Prisma.Sql) => Prisma.sql`(SELECT COALESCE(json_agg(t.a), '[]'::json) FROM (${select}) t)`;

  const parts: [keyof Loaded, Prisma.Sql][] = [
    ['enrollments', agg(Prisma.sql`
        SELECT json_build_array(e."personId", e."pathway", e."cpdSystem", e."startDate", e."endDate", e."status", pe."name", pe."email") AS a
          FROM "Enrollment" e JOIN "Person" pe ON pe."id" = e."personId"
         WHERE e."programId" = ${p} AND e."role" = 'MENTEE' AND ${ids ? Prisma.sql`e."personId" IN (${idList})` : Prisma.sql`e."status" = 'ACTIVE'`}
         ORDER BY pe."name", e."personId"`)],
    ['pairings', agg(Prisma.sql`
        SELECT json_build_array(pa."id", pa."mentorId", pa."menteeId", pa."fromDate", mp."name") AS a
          FROM "Pairing" pa JOIN "Person" mp ON mp."id" = pa."mentorId"
         WHERE pa."programId" = ${p} AND pa."menteeId" ${inScope} AND pa."fromDate" <= ${today}::date AND (pa."untilDate" IS NULL OR pa."untilDate" > ${today}::date)`)],
    // One pass over the meetings: the counts, the last date and the next agreed one of each group.
    ['meetings', agg(Prisma.sql`
        SELECT json_build_array("menteeId", "pairingId", "confirmation", count(*), max("date"), sum("minutes"), min("nextMeetingDate") FILTER (WHERE "nextMeetingDate" >= ${today}::date)) AS a
          FROM "Meeting" WHERE "programId" = ${p} AND "menteeId" ${inScope}
         GROUP BY "menteeId", "pairingId", "confirmation"`)],
    ['cpd', cpdTalliesSql(ctx, today)],
    ['reflections', agg(Prisma.sql`
        SELECT json_build_array("menteeId", count(*) FILTER (WHERE "status" = 'ANSWERED'), count(*) FILTER (WHERE "status" <> 'ANSWERED'), min("dueAt") FILTER (WHERE "status" <> 'ANSWERED')) AS a
          FROM "ReflectionPrompt"
         WHERE "programId" = ${p} AND "menteeId" ${inScope}
           AND ("status" = 'ANSWERED' OR ("status" IN ('OPEN', 'DRAFT') AND "dueAt" <= (${scope.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')))
         GROUP BY "menteeId"`)],
    ['goals', agg(Prisma.sql`
        SELECT json_build_array("menteeId", "status", count(*)) AS a FROM "LearningGoal" WHERE "programId" = ${p} AND "menteeId" ${inScope} GROUP BY "menteeId", "status"`)],
    ['roleGroups', agg(Prisma.sql`
        SELECT json_build_array("role", count(*)) AS a FROM "Enrollment" WHERE "programId" = ${p} AND "status" = 'ACTIVE' ${ids ? Prisma.sql`AND "personId" IN (${idList})` : Prisma.empty} GROUP BY "role"`)],
    ['withdrawn', ids
        ? Prisma.sql`'[]'::json`
        : agg(Prisma.sql`
        SELECT json_build_array(e."personId", e."statusAt", pe."name") AS a
          FROM "Enrollment" e JOIN "Person" pe ON pe."id" = e."personId"
         WHERE e."programId" = ${p} AND e."status" = 'WITHDRAWN'
           AND (e."statusAt" >= ${`${today.slice(0, 4)}-01-01`}::timestamp OR (e."statusAt" IS NULL AND e."updatedAt" >= ${`${today.slice(0, 4)}-01-01`}::timestamp))
         ORDER BY pe."name", e."personId"`)],
    ['aways', agg(Prisma.sql`
        SELECT json_build_array("personId", "fromDate", "untilDate") AS a
          FROM "Away" WHERE "programId" = ${p} AND "fromDate" <= ${today}::date AND "untilDate" >= ${addDaysLocal(today, -400)}::date`)],
    // CanMEDS roles over all time: records are first counted per distinct set of roles (a person
    // repeats a few sets), and only those few sets are unnested, not every record's array. The CPD
    // activities apart from the meetings and reflections, so that each goes with a statement of its own.
    ['cpdRoles', rolesSql(Prisma.sql`
        SELECT "personId", "roles", count(*) AS n FROM "CpdActivity" WHERE "programId" = ${p} AND "personId" ${inScope} GROUP BY 1, 2`)],
    ['meetingRoles', rolesSql(Prisma.sql`
        SELECT "menteeId" AS "personId", "roles", count(*) AS n FROM "Meeting" WHERE "programId" = ${p} AND "confirmation" <> 'DISPUTED' AND "menteeId" ${inScope} GROUP BY 1, 2
        UNION ALL
        SELECT "menteeId", "roles", count(*) FROM "ReflectionPrompt" WHERE "programId" = ${p} AND "status" = 'ANSWERED' AND "menteeId" ${inScope} GROUP BY 1, 2`)],
  ];
  // One statement for a mentee or a mentor's few; for the whole program, the two heaviest parts (the
  // CPD tallies and the CPD activities' roles: each reads every CPD record of the mentees) go as
  // statements of their own beside the rest, so that PostgreSQL runs the three at once on pooled
  // connections: still a constant three, whatever the size.
  const names = parts.map(([name]) => name);
  const groups: (keyof Loaded)[][] = ids ? [names] : [['cpd'], ['cpdRoles'], names.filter((n) => n !== 'cpd' && n !== 'cpdRoles')];
  const select = (chosen: (keyof Loaded)[]) =>
    ctx.db.$queryRaw<Partial<Loaded>[]>`WITH ${mentees} SELECT ${Prisma.join(
      parts.filter(([name]) => chosen.includes(name)).map(([name, sql]) => Prisma.sql`${sql} AS ${Prisma.raw(`"${name}"`)}`),
      ', ',
    )}`;
  const row = Object.assign({}, ...(await Promise.all(groups.map(async (chosen) => (await select(chosen))[0]!)))) as Loaded;
  return decode(row);
}

function decode(row: Loaded): ProgressData {
  return {
    enrollments: row.enrollments.map(([personId, pathway, cpdSystem, startDate, endDate, status, name, email]) => ({ personId, pathway, cpdSystem, startDate, endDate, status, name, email })),
    pairings: row.pairings.map(([id, mentorId, menteeId, fromDate, mentorName]) => ({ id, mentorId, menteeId, fromDate, mentorName })),
    meetingGroups: row.meetings.map(([menteeId, pairingId, confirmation, n, last, minutes, next]) => ({ menteeId, pairingId, confirmation, n, last, minutes: minutes ?? 0, next })),
    cpdGroups: row.cpd.flatMap(([personId, groups]) =>
      groups.map(([system, category, activityType, certified, inProgram, inCycle, creditYear, n, cents]): CpdGroup => ({ personId, system, category, activityType, certified, inProgram, inCycle, creditYear, n, credits: cents / 100 })),
    ),
    reflections: row.reflections.map(([menteeId, answered, outstanding, due]) => ({ menteeId, answered, outstanding, oldestDue: due === null ? null : utcStamp(due) })),
    goalGroups: row.goals.map(([menteeId, status, n]) => ({ menteeId, status, n })),
    roleGroups: row.roleGroups.map(([role, n]) => ({ role, n })),
    withdrawn: row.withdrawn.map(([personId, statusAt, name]) => ({ personId, statusAt: statusAt === null ? null : utcStamp(statusAt), name })),
    aways: row.aways.map(([personId, fromDate, untilDate]) => ({ personId, fromDate, untilDate })),
    roleCounts: [...row.cpdRoles, ...row.meetingRoles].flatMap(([personId, counts]) => Object.entries(counts).map(([role, n]) => ({ personId, role: role as CanMedsRole, n: n! }))),
  };
}

/** How often each person touched each CanMEDS role, from `counted`: rows of (personId, roles, n). */
function rolesSql(counted: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(json_agg(json_build_array(y."personId", y.counts)), '[]'::json) FROM (
    SELECT x."personId", json_object_agg(x.role, x.n) AS counts FROM (
      SELECT c."personId", r.role, sum(c.n) AS n FROM (${counted}) c CROSS JOIN LATERAL unnest(c."roles") AS r(role) GROUP BY 1, 2
    ) x GROUP BY x."personId") y)`;
}

/**
 * The CPD tallies, grouped by person. Only records inside the counting window are read: the cycle's
 * length back from today, or from 400 days before the program year (its credit years). The credit
 * year's first month is the one of each system's rule set in force today (Mainpro+ July, MOC January:
 * the same in every set we keep). Credits are summed as whole cents (exact, and cheaper than numeric).
 */
function cpdTalliesSql(ctx: CoreContext, today: string): Prisma.Sql {
  const mainpro = ruleSetFor('MAINPRO_PLUS', today);
  const moc = ruleSetFor('MOC', today);
  const cycleFrom = addMonthsLocal(today, -12 * Math.max(mainpro.cycleYears, moc.cycleYears));
  const mocCycleFrom = addMonthsLocal(today, -12 * moc.cycleYears);
  const mainproCycleFrom = addMonthsLocal(today, -12 * mainpro.cycleYears);
  return Prisma.sql`(SELECT COALESCE(json_agg(json_build_array(g."personId", g.groups)), '[]'::json) FROM (
    SELECT t."personId", json_agg(json_build_array(t."system", t."category", t."activityType", t."certified", t."inProgram", t."inCycle", t."creditYear", t.n, t.cents)) AS groups FROM (
      SELECT c."personId", c."system", c."category", c."activityType", c."certified",
        (c."date" >= e."startDate" AND c."date" <= e."programEnd") AS "inProgram",
        (c."date" > CASE c."system" WHEN 'MOC' THEN ${mocCycleFrom}::date ELSE ${mainproCycleFrom}::date END) AS "inCycle",
        date_part('year', c."date" - make_interval(months => CASE c."system" WHEN 'MOC' THEN ${moc.creditYearStartMonth - 1}::int ELSE ${mainpro.creditYearStartMonth - 1}::int END))::int AS "creditYear",
        count(*) AS n, sum((c."credits" * 100)::int) AS cents
      FROM "CpdActivity" c JOIN mentees e ON e."personId" = c."personId"
      WHERE c."programId" = ${ctx.program.id} AND c."date" > LEAST(${cycleFrom}::date, e."startDate" - 401)
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) t
    GROUP BY t."personId") g)`;
}
