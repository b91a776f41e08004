/** The one URL Slack calls in HTTP mode: slash commands, interactivity and events. */
export const SLACK_EVENTS_PATH = '/slack/events';
