export const demo = {
} as const satisfies Record<string, string>;
