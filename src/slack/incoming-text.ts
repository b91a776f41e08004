// Slack sends typed text with &, < and > as HTML entities (its markup — mentions, links — stays raw).
// Core wants what the person typed: "Q&A" rather than "Q&amp;A".
export const unescapeSlackText = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
