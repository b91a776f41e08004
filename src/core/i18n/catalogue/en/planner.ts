export const planner = {
} as const satisfies Record<string, string>;
