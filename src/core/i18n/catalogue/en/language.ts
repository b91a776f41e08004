// /language: which language the bot uses with a person.
export const language = {
  'language.name.en': 'English',
  'language.name.fr': 'French',
  'language.current.chosen': 'I write to you in {language}, as you chose.',
  'language.current.platform': 'I write to you in {language}, the language of your {platform} settings.',
  'language.current.program': 'I write to you in {language}, the program’s language.',
  'language.howToChange': 'Type <cmd>language fr</cmd> for French or <cmd>language en</cmd> for English; <cmd>language auto</cmd> goes back to your {platform} settings.',
  'language.set': 'Done: I will write to you in English from now on, in every message, form, reminder and report. <cmd>language fr</cmd> switches back to French.',
  'language.setAuto': 'Done: I will follow your {platform} settings again, which means {language} for now.',
  'language.bad': 'I don’t know the language "{typed}": expected en (English) or fr (French), or auto for your {platform} settings, e.g. <cmd>language fr</cmd>.',
} as const satisfies Record<string, string>;
