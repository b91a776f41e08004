// /away: away periods (vacation, leave) during which no reminders are sent.
export const away = {
  'away.none': 'You have no away periods planned.',
  'away.planned': 'You are away {periods}.',
  'away.period': '{from} to {until}',
  'away.usage': 'Usage',
  'away.example.dates': '<cmd>away 2026-12-20 2027-01-05</cmd>',
  'away.example.words': '<cmd>away Dec 20 to Jan 5</cmd>',
  'away.example.off': '<cmd>away off</cmd>',
  'away.whileAway': 'While you are away I send you no reminders, and overdue meetings are not counted against you.',
  'away.clearedNone': 'You had no away period planned; reminders are on.',
  'away.cleared': 'Welcome back: reminders are on again.',
  'away.set': 'Away from {from} to {until}: no reminders until you are back. Type <cmd>away off</cmd> if you return early.',

  'away.parse.example': 'e.g. <cmd>away 2026-12-20 2027-01-05</cmd>, <cmd>away Dec 20 to Jan 5</cmd>, or <cmd>away off</cmd>',
  'away.parse.when': 'Say when you will be away: {example}.',
  'away.parse.notADate': '"{word}" is not a date I understand: {example}.',
  'away.parse.back': 'Say when you will be back as well as when you leave: {example}.',
  'away.parse.trailing': 'I did not understand "{rest}" after the dates: {example}.',
  'away.parse.endBeforeStart': 'The end date {until} is before the start date {from}: {example}.',
} as const satisfies Record<string, string>;
