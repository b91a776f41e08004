export const report = {
} as const satisfies Record<string, string>;
