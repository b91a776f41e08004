// Who acts when an admin runs the command line: "the program office", with coordinator rights in
// the program. It is nobody in the roster, so core's audit trail records it with no person and
// detail.via = 'cli': the export or report was made from the command line, by whoever had access
// to the server and its store.
import { systemActor, type Actor } from '../core/actor.js';
import type { CoreContext } from '../core/context.js';
import { programLocale } from '../core/i18n/locale.js';

export function programOffice(ctx: CoreContext): Actor {
  return systemActor('cli', 'Program office (command line)', ctx.program.timeZone, programLocale(ctx.program));
}
