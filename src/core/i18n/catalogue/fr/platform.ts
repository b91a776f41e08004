import type { platform as english } from '../en/platform.js';
import type { CatalogueOf } from '../types.js';

export const platform: CatalogueOf<typeof english> = {
};
