import type { planner as english } from '../en/planner.js';
import type { CatalogueOf } from '../types.js';

export const planner: CatalogueOf<typeof english> = {
  'planner.cadence.since':
    'Cela fait {days} jours depuis votre dernière rencontre de mentorat avec {other} ({last}). Le moment est-il venu de planifier la prochaine?',
  'planner.cadence.never':
    'Vous et {other} n’avez encore consigné aucune rencontre ({days} jours depuis votre jumelage). Le moment est-il venu de planifier la première?',
  'planner.cadence.logMeeting': 'Consigner une rencontre',
  'planner.escalation.text':
    '{hasLast, select, yes {{mentor} (mentor) et {mentee} (mentoré) n’ont eu aucune rencontre depuis {days} jours (dernière : {last}).} other {{mentor} (mentor) et {mentee} (mentoré) n’ont eu aucune rencontre depuis {days} jours (aucune consignée jusqu’ici).}}',
  'planner.escalation.header': 'Un jumelage est en retard',
  'planner.escalation.context': 'Les deux ont reçu un rappel. Le sommaire hebdomadaire donne la liste de tous les jumelages en retard.',
  'planner.nextMeeting':
    '{inDays, plural, =0 {Rappel : vous avez convenu de rencontrer {other} aujourd’hui ({date}).} =1 {Rappel : vous avez convenu de rencontrer {other} demain ({date}).} other {Rappel : vous avez convenu de rencontrer {other} dans # jours ({date}).}}',
  'planner.cpd.behind': 'Vous avez {credits} crédits de retard sur le rythme nécessaire pour atteindre votre cible.',
  'planner.cpd.onPace': 'Vous suivez le rythme nécessaire pour atteindre votre cible. Bravo!',
  'planner.cpd.text': 'Bilan mensuel de DPC : {credits} crédits sur {target} jusqu’ici (environ {expected} attendus à ce jour). {status}',
  'planner.cpd.header': 'Bilan mensuel de DPC',
  'planner.cpd.progressLabel': 'Crédits de DPC',
  'planner.cpd.expectedNote': 'environ {expected} attendus à ce jour',
  'planner.cpd.creditYear': 'Année de crédits {year} : {credits} des {minimum} crédits exigés chaque année par le programme {system}.',
  'planner.cpd.logWith': 'Consignez une activité avec <cmd>cpd</cmd>.',
  'planner.ending.missing':
    'Votre année de mentorat se termine le {endDate} (dans {inDays} jours). Il manque encore {n, plural, one {# élément} other {# éléments}} pour l’achèvement.',
  'planner.ending.complete': 'Votre année de mentorat se termine le {endDate} (dans {inDays} jours). Rien ne manque pour l’achèvement : bravo!',
  'planner.ending.header': 'Votre programme se termine bientôt',
  'planner.ending.listTitle': 'Ce qui manque encore',
};
