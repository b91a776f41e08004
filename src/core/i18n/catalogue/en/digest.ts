export const digest = {
} as const satisfies Record<string, string>;
