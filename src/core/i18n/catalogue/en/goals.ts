export const goals = {
} as const satisfies Record<string, string>;
