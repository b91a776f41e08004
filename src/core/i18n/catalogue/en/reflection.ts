export const reflection = {
} as const satisfies Record<string, string>;
