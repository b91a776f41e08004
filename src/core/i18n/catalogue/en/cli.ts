export const cli = {
} as const satisfies Record<string, string>;
