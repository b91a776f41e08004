// What every core service is given: the store, a clock, the program, a logger. Passed in, never
// imported, so a test hands core a real PGlite and a fixed clock instead of mocking modules.
import type { Db } from '../store/store.js';
import type { Directory } from './directory.js';
import type { ProgramRules } from './domain/program-rules.js';
import type { TrustPolicy } from './domain/trust.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ProgramInfo {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  locale: string;
  rules: ProgramRules;
}

export interface CoreContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  program: ProgramInfo;
  /** Called after core queued a notification due now, so delivery need not wait for the next tick. */
  wakeOutbox?: () => void;
  /** One per platform that is on (src/core/directory.ts); filled in when the adapters start. */
  directories?: Directory[];
  /**
   * The workspaces and tenants chat users are accepted from (domain/trust.ts). Set whenever chat
   * requests are served (app.ts); absent only where none are (core tests, the command line).
   */
  trust?: TrustPolicy;
  /** Key of the request ids core hands out (services/request-ids.ts); absent: one per process. */
  requestSecret?: string;
}
