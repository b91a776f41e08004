import type { language as english } from '../en/language.js';
import type { CatalogueOf } from '../types.js';

export const language: CatalogueOf<typeof english> = {
  'language.name.en': 'anglais',
  'language.name.fr': 'français',
  'language.current.chosen': 'Je vous écris en {language}, comme vous l’avez choisi.',
  'language.current.platform': 'Je vous écris en {language}, la langue de vos paramètres {platform}.',
  'language.current.program': 'Je vous écris en {language}, la langue du programme.',
  'language.howToChange': 'Tapez <cmd>language fr</cmd> pour le français ou <cmd>language en</cmd> pour l’anglais ; <cmd>language auto</cmd> revient à vos paramètres {platform}.',
  'language.set': 'C’est fait : je vous écrirai désormais en français, dans chaque message, formulaire, rappel et rapport. <cmd>language en</cmd> revient à l’anglais.',
  'language.setAuto': 'C’est fait : je suivrai de nouveau vos paramètres {platform}, soit le {language} pour l’instant.',
  'language.bad': 'Je ne connais pas la langue "{typed}" : attendu fr (français) ou en (anglais), ou auto pour vos paramètres {platform}, p. ex. <cmd>language fr</cmd>.',
};
