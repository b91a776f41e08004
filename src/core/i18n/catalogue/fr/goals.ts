import type { goals as english } from '../en/goals.js';
import type { CatalogueOf } from '../types.js';

export const goals: CatalogueOf<typeof english> = {
};
