import type { digest as english } from '../en/digest.js';
import type { CatalogueOf } from '../types.js';

export const digest: CatalogueOf<typeof english> = {
};
