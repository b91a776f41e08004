import type { planner as english } from '../en/planner.js';
import type { CatalogueOf } from '../types.js';

export const planner: CatalogueOf<typeof english> = {
};
