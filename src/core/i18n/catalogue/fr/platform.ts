import type { platform as english } from '../en/platform.js';
import type { CatalogueOf } from '../types.js';

export const platform: CatalogueOf<typeof english> = {
  'platform.formOutOfDate': 'Ce formulaire n’est plus à jour. Tapez de nouveau la commande pour en ouvrir un nouveau.',
  'platform.dialogOutOfDate': 'Cette fenêtre n’est plus à jour. Tapez de nouveau la commande pour en ouvrir une nouvelle.',
  'platform.cardOutOfDate': 'Cette carte n’est plus à jour. Tapez de nouveau la commande pour en obtenir une nouvelle.',
  'platform.notSaved': 'Rien n’a encore été enregistré. Corrigez ceci et soumettez de nouveau :',
  'platform.notSaved.line': '• {label} : {problem}',
  'platform.notSaved.theForm': 'Le formulaire',
  'platform.teams.saving': 'Enregistrement… Cela prend plus de temps que d’habitude. Vous pouvez fermer cette fenêtre : le résultat vous parviendra dans votre conversation avec le robot.',
  'platform.teams.openForm': 'Ouvrir : {title}',
  'platform.teams.more': '… et {n} de plus',
  'platform.teams.shortened': 'Cette réponse était trop longue pour Teams et a été raccourcie. Demandez une exportation à votre coordonnateur pour la liste complète.',
  'platform.teams.fileTooLargeTitle': 'Fichier trop volumineux pour Teams',
  'platform.teams.fileTooLarge': '{filename} est trop volumineux pour être envoyé dans une conversation Teams. Demandez-le à un administrateur avec : npm run cli -- export',
  'platform.teams.fileGone': 'Ce fichier n’est plus disponible. Demandez l’exportation de nouveau.',
  'platform.teams.uploadFailed': 'Le téléversement du fichier dans votre OneDrive a échoué. Demandez l’exportation de nouveau.',
  'platform.slack.saving': '*Enregistrement…* Cela prend plus de temps que d’habitude. Vous pouvez attendre ici ou fermer cette fenêtre : le résultat vous parviendra aussi par message direct.',
  'platform.slack.done': 'Terminé',
  'platform.slack.typeAgain': 'Tapez de nouveau la commande pour ouvrir le formulaire.',
  'platform.slack.formTooSlow': 'Le formulaire a mis trop de temps à s’ouvrir. Tapez de nouveau la commande.',
  'platform.slack.formFailed': 'Je n’ai pas pu ouvrir le formulaire pour l’instant. Tapez de nouveau la commande dans une minute.',
  'platform.slack.fileFailed': 'Je n’ai pas pu vous envoyer {filename} par message direct ({code}). Réessayez dans une minute; si l’échec persiste, demandez à la personne qui gère le robot de vérifier sa permission files:write.',
  'platform.slack.homeFallback': 'Tapez <cmd>progress</cmd> pour voir où vous en êtes.',
  'platform.slack.notSavedNotice': 'Rien n’a encore été enregistré. {notice}',
  'platform.slack.needsAnotherLook': 'Il faut le revoir.',
  'platform.slack.lateNotSaved': '{title} : {why}\nTapez de nouveau la commande pour ouvrir le formulaire.',
};
