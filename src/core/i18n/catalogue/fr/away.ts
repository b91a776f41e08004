import type { away as english } from '../en/away.js';
import type { CatalogueOf } from '../types.js';

// The examples show what a francophone types: "du … au …" and "fin" (parse-away-args.ts accepts both).
export const away: CatalogueOf<typeof english> = {
  'away.none': 'Vous n’avez aucune absence prévue.',
  'away.planned': 'Absences prévues : {periods}.',
  'away.period': 'du {from} au {until}',
  'away.usage': 'Utilisation',
  'away.example.dates': '<cmd>away 2026-12-20 2027-01-05</cmd>',
  'away.example.words': '<cmd>away du 20 déc. au 5 janv.</cmd>',
  'away.example.off': '<cmd>away fin</cmd>',
  'away.whileAway': 'Pendant votre absence, je ne vous envoie aucun rappel, et les rencontres en retard ne vous sont pas imputées.',
  'away.clearedNone': 'Vous n’aviez aucune absence prévue; les rappels sont actifs.',
  'away.cleared': 'Bon retour : les rappels sont de nouveau actifs.',
  'away.set': 'Absence du {from} au {until} : aucun rappel avant votre retour. Tapez <cmd>away fin</cmd> si vous revenez plus tôt.',

  'away.parse.example': 'p. ex. <cmd>away 2026-12-20 2027-01-05</cmd>, <cmd>away du 20 déc. au 5 janv.</cmd> ou <cmd>away fin</cmd>',
  'away.parse.when': 'Indiquez les dates de votre absence : {example}.',
  'away.parse.notADate': '"{word}" n’est pas une date que je comprends : {example}.',
  'away.parse.back': 'Indiquez la date de votre retour en plus de celle de votre départ : {example}.',
  'away.parse.trailing': 'Je n’ai pas compris "{rest}" après les dates : {example}.',
  'away.parse.endBeforeStart': 'La date de fin ({until}) précède la date de début ({from}) : {example}.',
};
