// The demonstration program (npm run cli -- demo): the bot's own words about it. Its fictional people,
// topics and answers are sample data and stay as written in demo.service.ts.
export const demo = {
  'demo.programName': 'Demo Mentorship Program (fictional)',
} as const satisfies Record<string, string>;
