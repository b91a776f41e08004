import type { digest as english } from '../en/digest.js';
import type { CatalogueOf } from '../types.js';

export const digest: CatalogueOf<typeof english> = {
  'digest.header': 'Sommaire hebdomadaire : {program}, {date}',
  'digest.noPairs': 'Aucun jumelage pour l’instant : inscrivez et jumelez des personnes (<cmd>mentorship enroll</cmd> et <cmd>mentorship pair</cmd>, ou importez une liste) et le sommaire les suivra ici.',
  'digest.allOnTrack': 'Rien ne demande d’attention cette semaine : tous les jumelages sont sur la bonne voie.',
  'digest.unreachable': '{name} : le robot ne peut pas lui écrire sur {platform} depuis le {since} (l’application est-elle installée pour cette personne?)',
  'digest.channel': 'Canal',
  'digest.failed': '{name} : un message {type, select, welcome {de bienvenue} introduction {de présentation} meetingConfirm {de confirmation de rencontre} meetingDisputed {de rencontre contestée} reflectionPrompt {d’invitation à la réflexion} reflectionReminder {de rappel de réflexion} cadenceNudge {de relance de rencontre} escalation {de signalement à la coordination} nextMeeting {de rappel de rencontre} cpdCheckin {de suivi de DPC} ending {de fin de programme} nudge {de relance} digest {de sommaire} other {« {kind} »}} n’a pas pu être envoyé le {date}{hasError, select, yes { ({error})} other {}}',
  'digest.deliveryProblems': 'Problèmes de livraison ({n})',
  'digest.cannotReachLine': '{name} : {reason} (messages en attente depuis le {since} ; ils partiront dès que ce sera réglé)',
  'digest.cannotReach': 'Personnes injoignables ({n})',
  'digest.nudgeButton': 'Relancer {mentor} et {mentee}',
  'digest.exportButton': 'Exporter le résumé',
  'digest.shortened': 'Sommaire abrégé : exportez le résumé pour tout voir.',
  'digest.summary': 'Sommaire hebdomadaire : {overdue} jumelages en retard, {reflections} avec des réflexions en attente, {cpd} en deçà du rythme de DPC',
  'digest.nudge.text': 'Un rappel de {coordinator} : il est temps de rencontrer {other}',
  'digest.nudge.body': '{coordinator} (coordination du programme) vous demande de planifier votre prochaine rencontre de mentorat avec {other} : la dernière remonte à un bon moment.',
  'digest.nudge.logButton': 'Consigner une rencontre',
  'digest.nudge.gone': 'Ce jumelage n’existe plus (il a peut-être pris fin). Demandez un nouveau sommaire avec <cmd>mentorship digest</cmd>.',
  'digest.nudge.done': '{mentor} et {mentee} ont été relancés : chacun reçoit un message l’invitant à se rencontrer.',
  'digest.nudge.already': '{mentor} et {mentee} ont déjà été relancés aujourd’hui.',
};
