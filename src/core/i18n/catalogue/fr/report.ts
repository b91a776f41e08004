import type { report as english } from '../en/report.js';
import type { CatalogueOf } from '../types.js';

export const report: CatalogueOf<typeof english> = {
};
