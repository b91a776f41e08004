// The reason a held message's lastError keeps (held-messages.ts), written for a reader: tests compare
// what a coordinator would read, not the JSON it is stored as.
import type { Locale } from '../../src/core/i18n/locale.js';
import { render } from '../../src/core/i18n/translate.js';
import { heldReason } from '../../src/core/services/held-messages.js';

export function heldText(lastError: string | null, locale: Locale = 'en'): string {
  const reason = heldReason(lastError);
  return typeof reason === 'string' ? reason : render(locale, reason);
}
