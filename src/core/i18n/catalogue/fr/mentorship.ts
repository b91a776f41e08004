import type { mentorship as english } from '../en/mentorship.js';
import type { CatalogueOf } from '../types.js';

export const mentorship: CatalogueOf<typeof english> = {
};
