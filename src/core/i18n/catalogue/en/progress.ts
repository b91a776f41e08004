export const progress = {
} as const satisfies Record<string, string>;
