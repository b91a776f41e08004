export const mentorship = {
} as const satisfies Record<string, string>;
