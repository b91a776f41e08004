// What app.ts needs from a chat platform's adapter, the same for Slack and Teams: its HTTP routes, how
// core reaches people on it (messenger, directory), a start, a stop that finishes the work in hand,
// and its state for /readyz. app.ts wires every adapter that is on through this one shape, in a loop.
import type { Router } from 'express';
import type { Messenger } from './core/delivery.js';
import type { Directory } from './core/directory.js';
import type { Platform } from './core/domain/enums.js';

export interface PlatformAdapter {
  readonly platform: Platform;
  /** Its webhook routes (absent for Slack in Socket Mode, which needs no public URL). */
  router?: Router;
  messenger: Messenger;
  directory: Directory;
  /** Connects (Slack: auth.test, Socket Mode); called once its routes are mounted. */
  start(): Promise<void>;
  /** No new turn starts; the work in hand (queued commands, late form outcomes) is finished or bounded. */
  stop(): Promise<void>;
  /** 'connected', or what it waits for (/readyz details). */
  state(): string;
  /** What is wrong with the connection, if anything, for the start-up log. */
  problem?(): { message: string } | undefined;
}
