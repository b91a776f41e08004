import type { away as english } from '../en/away.js';
import type { CatalogueOf } from '../types.js';

export const away: CatalogueOf<typeof english> = {
};
