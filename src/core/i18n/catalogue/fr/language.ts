import type { language as english } from '../en/language.js';
import type { CatalogueOf } from '../types.js';

export const language: CatalogueOf<typeof english> = {
};
