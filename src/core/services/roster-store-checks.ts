// A roster file's entries checked against what the store already holds, pure: a mentor the file names
// but does not list must be an enrolled mentor, and a chat id must not be someone else's.
// roster-import.service.ts reads those facts (before its transaction for a file with mistakes, inside
// it for one without) and hands them in; roster-rows.ts checks the rows on their own.
import { chatKey, EXAMPLES, rosterProblem, type ChatId, type RosterEntry, type RosterProblem } from './roster-rows.js';

/** What the store says about the people a file names. */
export interface RosterStoreFacts {
  program: string;
  /** Emails of people with an active mentor enrollment in the program (among those asked about). */
  enrolledMentors: ReadonlySet<string | null>;
  /** `chatKey` → the person who owns that chat account now. */
  accountOwners: ReadonlyMap<string, { name: string; email: string | null }>;
}

const mentorsInFile = (entries: readonly RosterEntry[]): Set<string> => new Set(entries.filter((e) => e.role === 'MENTOR').map((e) => e.email));

/** Mentors named in a mentor_email cell but not listed as mentors in the file: the store must know them. */
export function mentorsOutsideFile(entries: readonly RosterEntry[]): string[] {
  const inFile = mentorsInFile(entries);
  return [...new Set(entries.map((e) => e.mentorEmail).filter((m): m is string => m !== null && !inFile.has(m)))];
}

/** Every Slack or Teams id the file names, with its row. */
export const chatIdsIn = (entries: readonly RosterEntry[]): { id: ChatId; e: RosterEntry }[] =>
  entries.flatMap((e) => [e.slack, e.teams].filter((id): id is ChatId => id !== null).map((id) => ({ id, e })));

/** The problems the store's facts show, by line. */
export function storeProblems(entries: readonly RosterEntry[], facts: RosterStoreFacts): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const inFile = mentorsInFile(entries);
  for (const e of entries) {
    if (e.mentorEmail && !inFile.has(e.mentorEmail) && !facts.enrolledMentors.has(e.mentorEmail)) {
      problems.push(
        rosterProblem(e.line, 'mentor_email', e.mentorEmail, 'mentorship.roster.unknownMentor', { mentor: e.mentorEmail, program: facts.program, example: EXAMPLES.mentor_email }),
      );
    }
  }
  for (const { id, e } of chatIdsIn(entries)) {
    const person = facts.accountOwners.get(chatKey(id));
    if (person && person.email !== null && person.email !== e.email) {
      const column = id.platform === 'SLACK' ? 'slack_user_id' : 'teams_user_id';
      problems.push(
        rosterProblem(e.line, column, `${id.workspaceId}:${id.userId}`, 'mentorship.roster.accountOfAnother', { name: person.name, owner: person.email, email: e.email, example: EXAMPLES[column] }),
      );
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}
