import type { access as english } from '../en/access.js';
import type { CatalogueOf } from '../types.js';

export const access: CatalogueOf<typeof english> = {
};
