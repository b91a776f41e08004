export * from './errors.js';
export * from './enums.js';
export * from './canmeds.js';
export * from './credits.js';
export * from './program-rules.js';
export * from './identifiers.js';
export * from './time.js';
export * from './parse/index.js';
