import type { parse as english } from '../en/parse.js';
import type { CatalogueOf } from '../types.js';

export const parse: CatalogueOf<typeof english> = {
};
