// Every record's bookkeeping timestamps (createdAt, updatedAt, an audit event's `at`) are written
// from core's clock, never from the database's `now()` nor Prisma's own `new Date()`.
//
// Why: rules read them — retention counts from the last thing recorded about someone, the digest
// lists deliveries that failed since last week, planning looks at when a meeting was logged. A rule
// that mixes core's clock with another clock moves with the real date (main went red on its own
// five days after landing). A value a caller gives explicitly is kept.
import type { Clock } from '../core/context.js';
import type { Db } from './store.js';

/** What each model stamps on create and on update (models absent here have no such columns). */
const STAMPS: Record<string, { create: readonly string[]; update: readonly string[] }> = {
  Program: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Person: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ChatAccount: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ChatInstallation: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Enrollment: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Pairing: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  LearningGoal: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Meeting: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  CpdActivity: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ReflectionPrompt: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Away: { create: ['createdAt'], update: [] },
  ProgramChannel: { create: ['createdAt'], update: [] },
  Notification: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  AuditEvent: { create: ['at'], update: [] },
};

type Data = Record<string, unknown>;

const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

function stamp(data: unknown, fields: readonly string[], now: Date): unknown {
  if (Array.isArray(data)) return data.map((d) => stamp(d, fields, now));
  if (!isData(data) || fields.length === 0) return data;
  const stamped: Data = { ...data };
  for (const field of fields) if (stamped[field] === undefined) stamped[field] = now;
  return stamped;
}

/** An empty update (`upsert` with `update: {}`) changes nothing, so it records no change either. */
const stampChange = (data: unknown, fields: readonly string[], now: Date): unknown =>
  isData(data) && Object.keys(data).length === 0 ? data : stamp(data, fields, now);

/** The arguments of one write with its timestamps filled from `now` (other operations untouched). */
export function stampWrite(model: string, operation: string, args: unknown, now: Date): unknown {
  const fields = STAMPS[model];
  if (!fields || !isData(args)) return args;
  switch (operation) {
    case 'create':
    case 'createMany':
    case 'createManyAndReturn':
      return { ...args, data: stamp(args.data, fields.create, now) };
    case 'update':
    case 'updateMany':
    case 'updateManyAndReturn':
      return { ...args, data: stampChange(args.data, fields.update, now) };
    case 'upsert':
      return { ...args, create: stamp(args.create, fields.create, now), update: stampChange(args.update, fields.update, now) };
    default:
      return args;
  }
}

/**
 * The store as core sees it: the same client, with every write's timestamps taken from `clock`.
 * Transactions opened on it are stamped too. (A query-only extension keeps the client's API, so it
 * is still a Db; the cast says so to TypeScript, which types extended clients apart.)
 */
export function clocked(db: Db, clock: Clock): Db {
  const extended = db.$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(stampWrite(model, operation, args, clock.now()) as typeof args);
        },
      },
    },
  });
  return extended as unknown as Db;
}
