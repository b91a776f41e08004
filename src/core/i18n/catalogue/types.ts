/** A French area must have exactly the English area's keys: a missing or extra key fails the typecheck. */
export type CatalogueOf<T> = { readonly [K in keyof T]: string };
