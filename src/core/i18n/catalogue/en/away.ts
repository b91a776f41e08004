export const away = {
} as const satisfies Record<string, string>;
