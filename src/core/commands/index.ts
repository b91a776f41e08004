// The command registry: both adapters loop over it; the manifests are checked against it.
import type { CommandDefinition } from './types.js';
import { meetingCommand } from './meeting.command.js';
import { cpdCommand } from './cpd.command.js';
import { goalsCommand } from './goals.command.js';
import { reflectCommand } from './reflect.command.js';
import { progressCommand } from './progress.command.js';
import { awayCommand } from './away.command.js';
import { mentorshipCommand } from './mentorship.command.js';
import { languageCommand } from './language.command.js';

export const COMMANDS: readonly CommandDefinition[] = [
  meetingCommand,
  cpdCommand,
  goalsCommand,
  reflectCommand,
  progressCommand,
  awayCommand,
  languageCommand,
  mentorshipCommand,
];

export function findCommand(word: string): CommandDefinition | undefined {
  const key = word.trim().replace(/^\//, '').toLowerCase();
  return COMMANDS.find((c) => c.teams === key || c.slash === `/${key}`);
}
