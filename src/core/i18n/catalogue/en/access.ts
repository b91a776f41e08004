export const access = {
} as const satisfies Record<string, string>;
