import type { demo as english } from '../en/demo.js';
import type { CatalogueOf } from '../types.js';

export const demo: CatalogueOf<typeof english> = {
  'demo.programName': 'Programme de mentorat de démonstration (fictif)',
};
