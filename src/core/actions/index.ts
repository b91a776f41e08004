import type { ActionId } from '../ui/message.js';
import type { ActionDefinition } from './types.js';
import { meetingActions } from './meeting.actions.js';
import { reflectionActions } from './reflection.actions.js';
import { reminderActions } from './reminder.actions.js';
import { digestActions } from './digest.actions.js';

const ALL: ActionDefinition[] = [...meetingActions, ...reflectionActions, ...reminderActions, ...digestActions];

export const ACTIONS: ReadonlyMap<ActionId, ActionDefinition> = new Map(ALL.map((a) => [a.id, a]));
