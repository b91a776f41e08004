export const cpd = {
} as const satisfies Record<string, string>;
