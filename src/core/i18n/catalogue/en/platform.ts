// What the Slack and Teams adapters say themselves (a late form, an out-of-date card).
export const platform = {
} as const satisfies Record<string, string>;
