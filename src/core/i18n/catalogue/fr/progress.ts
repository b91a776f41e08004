import type { progress as english } from '../en/progress.js';
import type { CatalogueOf } from '../types.js';

export const progress: CatalogueOf<typeof english> = {
};
