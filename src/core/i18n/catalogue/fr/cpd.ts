import type { cpd as english } from '../en/cpd.js';
import type { CatalogueOf } from '../types.js';

export const cpd: CatalogueOf<typeof english> = {
};
