export * from './parse-date.js';
export * from './parse-duration.js';
export * from './tokenize.js';
export * from './parse-person.js';
export * from './parse-meeting-args.js';
export * from './parse-cpd-args.js';
export * from './parse-away-args.js';
export * from './parse-mentorship-args.js';
