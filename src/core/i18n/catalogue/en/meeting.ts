export const meeting = {
} as const satisfies Record<string, string>;
