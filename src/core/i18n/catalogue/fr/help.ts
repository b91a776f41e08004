import type { help as english } from '../en/help.js';
import type { CatalogueOf } from '../types.js';

export const help: CatalogueOf<typeof english> = {
  'help.whatICanDo': 'Ce que je sais faire',
  'help.header': 'Commandes du robot de mentorat',
  'help.examples': 'Exemples',
  'help.freeText': 'Je lis des commandes, pas des messages. Pour répondre à une réflexion, répondez dans le fil de son message, appuyez sur "Répondre maintenant" ou tapez <cmd>reflect</cmd>.',
  'help.summary.meeting': 'Consigner une rencontre avec votre mentor ou votre mentoré',
  'help.summary.cpd': 'Consigner une activité de DPC (crédits calculés pour Mainpro+ ou le MDC)',
  'help.summary.goals': 'Le plan d’apprentissage : objectifs avec rôles CanMEDS, dates cibles et état',
  'help.summary.reflect': 'Répondre à votre plus ancienne réflexion ouverte, ou les lister',
  'help.summary.progress': 'Vos progrès ; un mentor voit chaque mentoré, la coordination tout le programme',
  'help.summary.away': 'Suspendre les rappels pendant une absence (vacances, congé)',
  'help.summary.language': 'La langue que le robot utilise avec vous : français ou anglais',
  'help.summary.mentorship': 'Outils de la coordination : inscrire, jumeler, sommaire, exporter (aide pour tous)',
  'help.example.meeting': '20 nov. 45 min vidéo Facturation',
  'help.example.cpd': '2 h certifié "Club de lecture : sepsis"',
  'help.example.goals': '',
  'help.example.reflect': '',
  'help.example.progress': '',
  'help.example.away': '2026-12-20 2027-01-04',
  'help.example.language': 'en',
  'help.example.mentorship': 'aide',
};
