// The number of SQL statements the store sent to the database, counted in the driver adapter (every
// queryRaw/executeRaw, inside transactions too) — the database round trips a command costs. Read by
// /metrics (mentorship_db_statements_total) and by the tests that bound the statements per command.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';

export interface StatementCount {
  /** SQL statements sent (queryRaw + executeRaw). */
  statements: number;
  /** Interactive transactions opened (each adds a BEGIN and a COMMIT or ROLLBACK the adapter sends itself). */
  transactions: number;
}

function counted<T extends SqlQueryable>(target: T, count: StatementCount): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (...args: unknown[]) => {
          count.statements++;
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => {
          count.transactions++;
          const tx = (await (value as (...a: unknown[]) => Promise<Transaction>).apply(object, args)) as Transaction;
          return counted(tx, count);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

/** The factory, with every adapter it connects counting into `count`. */
export function countingFactory<F extends SqlMigrationAwareDriverAdapterFactory>(factory: F, count: StatementCount): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      if (property === 'connect') {
        return async () => counted<SqlDriverAdapter>(await object.connect(), count);
      }
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}
