// /cpd: no arguments opens the form; a complete line (`/cpd 2h group "Journal club: sepsis"`) saves at
// once; anything less, or a title that looks like it holds a patient identifier, opens the form prefilled.
import { parseCpdArgs } from '../domain/parse/parse-cpd-args.js';
import { findPatientIdentifiers } from '../domain/identifiers.js';
import { buildCpdForm, cpdSavedMessage } from '../forms/cpd.form.js';
import { identifierWarning, withIdentifierWarning } from '../forms/identifier-check.js';
import { today } from '../services/access.js';
import { logCpd, requireParticipant } from '../services/cpd.service.js';
import type { FormValues } from '../ui/form.js';
import type { CommandDefinition } from './types.js';
import { requestIdFor } from '../services/request-ids.js';

export const cpdCommand: CommandDefinition = {
  id: 'cpd',
  slash: '/cpd',
  teams: 'cpd',
  summary: 'Log a CPD activity (credits computed for Mainpro+ or MOC)',
  usage: ['', '<hours> <group|self|assessment> [certified] [<date>] <title...>'],
  examples: ['2h group "Journal club: sepsis"', '1.5h self certified yesterday Online module on insulin titration', ''],
  async run({ ctx, actor, text, requestId }) {
    requireParticipant(actor, 'log CPD activities');
    if (text.trim() === '') return { kind: 'form', view: await buildCpdForm(ctx, actor, {}, requestId) };
    const args = parseCpdArgs(text, { today: today(ctx), maxHours: ctx.program.rules.maxCpdHours });
    const prefill: FormValues = {
      title: args.title,
      date: args.date,
      category: args.category,
      hours: args.hours === undefined ? undefined : String(args.hours),
      certified: args.certified ? 'true' : undefined,
    };
    const view = await buildCpdForm(ctx, actor, prefill, requestId);
    if (!args.complete) return { kind: 'form', view };
    if (findPatientIdentifiers(args.title ?? '').length) {
      return { kind: 'form', view: withIdentifierWarning(view, identifierWarning(prefill, view.fields)!) };
    }
    const activity = await logCpd(
      ctx,
      actor,
      { title: args.title!, category: args.category!, hours: args.hours!, certified: args.certified, ...(args.date ? { date: args.date } : {}) },
      requestIdFor(ctx, 'cpd', actor.personId, requestId),
    );
    return { kind: 'message', message: cpdSavedMessage(activity, actor.roles.has('MENTEE')) };
  },
};
