// /cpd: no arguments opens the form; a complete line saves at once (`/cpd 2h certified Journal club`
// for a family physician, `/cpd 4 articles NEJM review of sepsis` for a specialist); anything less,
// or a title that looks like it holds a patient identifier, opens the form prefilled. French words are
// read too (`/cpd 2 h certifié "Club de lecture : sepsis"`), and the answer is in the actor's language.
import { cpdVocabulary, resolveCpdKind, ruleSetFor } from '../domain/cpd-rules.js';
import { badInput } from '../domain/errors.js';
import { parseCpdArgs } from '../domain/parse/parse-cpd-args.js';
import { findPatientIdentifiers } from '../domain/identifiers.js';
import { buildCpdForm, cpdSavedMessage } from '../forms/cpd.form.js';
import { identifierWarning, withIdentifierWarning } from '../forms/identifier-check.js';
import { today } from '../services/access.js';
import { cpdSystemOf, logCpd } from '../services/cpd.service.js';
import { requireParticipant } from '../services/access.js';
import type { FormValues } from '../ui/form.js';
import type { CommandDefinition } from './types.js';
import { requestIdFor } from '../services/request-ids.js';

export const cpdCommand: CommandDefinition = {
  id: 'cpd',
  slash: '/cpd',
  teams: 'cpd',
  summary: 'help.summary.cpd',
  usage: ['', '<hours> [certified] [<category or type>] <title...>', '<n> <articles|topics|books> <title...>'],
  example: 'help.example.cpd',
  async run({ ctx, actor, text, requestId }) {
    requireParticipant(ctx, actor, 'log CPD activities');
    if (text.trim() === '') return { kind: 'form', view: await buildCpdForm(ctx, actor, {}, requestId) };
    const system = cpdSystemOf(actor);
    const todayDate = today(ctx);
    // The words understood are those of the participant's own system.
    const args = parseCpdArgs(text, { today: todayDate, maxHours: ctx.program.rules.maxCpdHours, vocabulary: cpdVocabulary(ruleSetFor(system, todayDate)) });
    const date = args.date ?? todayDate;
    const kind = args.amount !== undefined && (args.terms.length > 0 || args.unit !== 'hour') ? resolveCpdKind(ruleSetFor(system, date), { terms: args.terms, unit: args.unit ?? 'hour' }, actor.locale) : undefined;
    if (kind && 'error' in kind) throw badInput('category', kind.error);
    const byHours = args.unit === 'hour';
    const prefill: FormValues = {
      title: args.title,
      date: args.date,
      system,
      category: kind?.category.key,
      activityType: kind?.type.key,
      hours: args.amount !== undefined && byHours ? String(args.amount) : undefined,
      units: args.amount !== undefined && !byHours ? String(args.amount) : undefined,
    };
    // The form only when it is the answer: a line that saves at once reads nothing for it.
    if (!args.complete || !kind) return { kind: 'form', view: await buildCpdForm(ctx, actor, prefill, requestId) };
    if (findPatientIdentifiers(args.title ?? '').length) {
      const view = await buildCpdForm(ctx, actor, prefill, requestId);
      return { kind: 'form', view: withIdentifierWarning(view, identifierWarning(prefill, view.fields, actor.locale)!) };
    }
    const activity = await logCpd(
      ctx,
      actor,
      {
        title: args.title!,
        system,
        category: kind.category.key,
        activityType: kind.type.key,
        ...(byHours ? { hours: args.amount! } : { units: args.amount! }),
        ...(args.date ? { date: args.date } : {}),
      },
      requestIdFor(ctx, 'cpd', actor.personId, requestId),
    );
    return { kind: 'message', message: cpdSavedMessage(activity, actor.roles.has('MENTEE'), actor.locale) };
  },
};
