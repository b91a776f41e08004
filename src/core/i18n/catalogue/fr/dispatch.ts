import type { dispatch as english } from '../en/dispatch.js';
import type { CatalogueOf } from '../types.js';

export const dispatch: CatalogueOf<typeof english> = {
  'dispatch.commandTooLong': 'Cette commande compte {length, number} caractères ; j’en accepte au plus {limit, number} sur une ligne. Raccourcissez-la, ou tapez {shown} seul pour ouvrir son formulaire, où chaque champ indique sa limite.',
  'dispatch.theCommand': 'la commande',
  'dispatch.unknownCommand': 'Je ne connais pas "{word}".',
  'dispatch.buttonGone': 'Ce bouton n’est plus utilisé. Tapez de nouveau la commande pour en obtenir un nouveau.',
  'dispatch.formGone': 'Ce formulaire n’est plus utilisé. Tapez de nouveau la commande pour en ouvrir un nouveau.',
  'dispatch.replyTooLong': 'Cette réponse compte {length, number} caractères ; une réponse en accepte au plus {limit, number}. Raccourcissez-la et répondez de nouveau dans le fil.',
  'dispatch.messageTooLong': 'Ce message compte {length, number} caractères ; une réponse en accepte au plus {limit, number}. Raccourcissez-le et envoyez-le de nouveau.',
  'dispatch.internal': 'Un problème est survenu de notre côté et rien n’a été enregistré. Réessayez dans une minute ; si cela se reproduit, prévenez la coordination du programme.',
  'dispatch.tooManyFields': 'Ce formulaire a envoyé plus de champs qu’il n’en a ; rien n’a été enregistré. Tapez de nouveau la commande pour en ouvrir un nouveau.',
  'dispatch.fieldTooLong': 'Gardez ce texte sous {limit, number} caractères (il en compte {length, number}).',
  'dispatch.tooManyChoices': 'Choisissez-en au plus {max}.',
};
