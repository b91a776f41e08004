import type { cli as english } from '../en/cli.js';
import type { CatalogueOf } from '../types.js';

export const cli: CatalogueOf<typeof english> = {
};
