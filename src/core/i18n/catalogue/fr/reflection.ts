import type { reflection as english } from '../en/reflection.js';
import type { CatalogueOf } from '../types.js';

export const reflection: CatalogueOf<typeof english> = {
};
