export const parse = {
} as const satisfies Record<string, string>;
