import type { access as english } from '../en/access.js';
import type { CatalogueOf } from '../types.js';

export const access: CatalogueOf<typeof english> = {
  'access.onlyRole':
    '{role, select, COORDINATOR {Seuls les coordonnateurs du programme peuvent {whatFor}. Si vous en avez besoin, adressez-vous à la coordination du programme.} MENTOR {Seuls les mentors du programme peuvent {whatFor}.} other {Seuls les mentorés du programme peuvent {whatFor}.}}',
  'access.onlyParticipants': 'Seuls les mentorés et les mentors qui participent au programme peuvent {whatFor}. Si vous pensez devoir en faire partie, adressez-vous à la coordination du programme.',
  'access.notEnrolledAnyMore': 'Votre inscription à {program} a pris fin : vous ne pouvez plus consulter ni modifier ses dossiers. S’il s’agit d’une erreur, adressez-vous à un coordonnateur.',
  'access.notInProgram': 'Cette personne ne fait pas partie de {program}.',
  'access.cannotView':
    '{mentor, select, yes {Vous ne pouvez consulter que vos propres dossiers et ceux de vos mentorés.} other {Vous ne pouvez consulter que vos propres dossiers.}} Les coordonnateurs peuvent consulter ceux de tout le monde ; si vous en avez besoin, adressez-vous à la coordination du programme.',
  'access.whatFor.doThat': 'faire cela',
  'access.whatFor.mentorship': 'utiliser <cmd>mentorship {sub}</cmd>',
  'access.whatFor.enroll': 'inscrire des personnes',
  'access.whatFor.pair': 'jumeler des mentors et des mentorés',
  'access.whatFor.unpair': 'mettre fin à des jumelages',
  'access.whatFor.setStatus': 'retirer des personnes du programme ou y marquer leur achèvement',
  'access.whatFor.erase': 'effacer des participants',
  'access.whatFor.digestChannel': 'choisir le canal du sommaire',
  'access.whatFor.purge': 'purger les dossiers dont la durée de conservation est écoulée',
  'access.whatFor.importRoster': 'importer une liste de participants',
  'access.notEnrolled.named': 'Vous ne faites pas partie de {program}. Demandez à un coordonnateur de vous inscrire : {names}.',
  'access.notEnrolled.unnamed': 'Vous ne faites pas partie de {program}. Demandez à la coordination de votre programme de vous inscrire.',
  'access.person.notAPerson': '"{ref}" n’est pas une personne que je peux trouver : mentionnez-la (@nom) ou donnez son courriel, p. ex. {example}.',
  'access.person.notFound': 'Je n’ai pas trouvé {who} dans le programme. Utilisez son courriel, p. ex. {example}.',
  'access.person.emailNotFound': 'Je n’ai pas trouvé {email} dans le programme. Vérifiez l’adresse, ou inscrivez d’abord la personne avec celle-ci.',
  'access.person.ambiguousName': 'Plusieurs personnes du programme s’appellent {name}. Utilisez plutôt son courriel, p. ex. {example}.',
  'access.person.directoryFailed': 'Je n’ai pas pu trouver cette personne : {reason}. Utilisez plutôt son courriel, p. ex. {example}.',
  'access.person.notInProgramYet': '{who} ne fait pas encore partie de {program}. Inscrivez d’abord la personne, p. ex. <cmd>mentorship inscrire {ref} comme mentoré</cmd>.',
  'access.untrusted':
    '{platform, select, SLACK {{program} n’accepte pas les demandes de cet espace de travail Slack ({workspace}) : seulement celles des espaces de travail Slack qu’il reconnaît. Si vous participez au programme, utilisez le compte de votre organisation ; si cet espace de travail Slack devrait être reconnu, demandez à l’exploitant du bot de l’ajouter.} other {{program} n’accepte pas les demandes de ce locataire Microsoft ({workspace}) : seulement celles des locataires Microsoft qu’il reconnaît. Si vous participez au programme, utilisez le compte de votre organisation ; si ce locataire Microsoft devrait être reconnu, demandez à l’exploitant du bot de l’ajouter.}}',
  'access.foreignRequest':
    'Ce formulaire{purpose, select, meeting { de rencontre} cpd { d’activité de DPC} goal { d’objectif} reflection { de réflexion} other {}} est périmé ou n’a pas été ouvert par vous : rien n’a été enregistré. Tapez de nouveau la commande pour en ouvrir un nouveau.',
};
