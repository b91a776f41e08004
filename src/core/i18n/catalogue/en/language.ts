export const language = {
} as const satisfies Record<string, string>;
