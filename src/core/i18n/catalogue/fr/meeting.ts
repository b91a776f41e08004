import type { meeting as english } from '../en/meeting.js';
import type { CatalogueOf } from '../types.js';

export const meeting: CatalogueOf<typeof english> = {
};
