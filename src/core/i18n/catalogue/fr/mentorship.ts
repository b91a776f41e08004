import type { mentorship as english } from '../en/mentorship.js';
import type { CatalogueOf } from '../types.js';

// The subcommands in French (inscrire, jumeler, déjumeler, canal, sommaire, exporter, état, retirer,
// terminer, effacer, aide) are accepted by parse-mentorship-args.ts: French examples use them.
export const mentorship: CatalogueOf<typeof english> = {
  'mentorship.help.header': 'Outils du programme de mentorat',
  'mentorship.help.context':
    'Tout sauf l’aide est réservé à la coordination. Une personne est une mention (@nom) ou un courriel ; une date s’écrit 2026-01-05, aujourd’hui ou 5 janv. Sous-commandes : {subcommands}.',
  'mentorship.usage.enroll': "inscrire '<'personne> comme '<'mentoré|mentor|coordonnateur> [parcours '<'PRA-MB-FP|MLPIMG|PRA-MB-SP>] [du '<'date>] [au '<'date>]",
  'mentorship.usage.pair': "jumeler '<'mentor> avec '<'mentoré> [du '<'date>]",
  'mentorship.usage.unpair': "déjumeler '<'mentor> avec '<'mentoré>",
  'mentorship.usage.channel': 'canal [arrêt]',
  'mentorship.usage.digest': 'sommaire',
  'mentorship.usage.export': "exporter '<'rencontres|dpc|lectures|réflexions|participants|résumé>",
  'mentorship.usage.status': 'état',
  'mentorship.usage.withdraw': "retirer '<'personne> [comme '<'rôle>]",
  'mentorship.usage.complete': "terminer '<'personne> [comme '<'rôle>]",
  'mentorship.usage.erase': "effacer '<'personne>",
  'mentorship.usage.help': 'aide',
  'mentorship.what.enroll': 'inscrire — inscrire une personne dans un rôle',
  'mentorship.what.pair': 'jumeler — jumeler un mentor et un mentoré',
  'mentorship.what.unpair': 'déjumeler — mettre fin à un jumelage',
  'mentorship.what.channel': 'canal — faire de ce canal (privé) un canal du sommaire ; "canal arrêt" l’arrête',
  'mentorship.what.digest': 'sommaire — publier le sommaire de la coordination maintenant',
  'mentorship.what.export': 'exporter — recevoir une exportation CSV en message privé',
  'mentorship.what.status': 'état — voir le programme d’un coup d’œil',
  'mentorship.what.erase': 'effacer — effacer un participant et tous ses dossiers',
  'mentorship.what.withdraw': 'retirer — une personne quitte le programme : ses jumelages prennent fin, les rappels cessent, les dossiers restent',
  'mentorship.what.complete': 'terminer — une personne a terminé le programme : comme retirer, mais consigné comme achevé',
  'mentorship.unknownSub': 'Je ne connais pas "{unknown}".',

  'mentorship.example.enroll': '<cmd>mentorship inscrire @jane comme mentoré parcours PRA-MB-FP du 2026-01-05 au 2026-12-31</cmd>',
  'mentorship.example.pair': '<cmd>mentorship jumeler @dr.smith avec @jane du 2026-01-05</cmd>',
  'mentorship.example.unpair': '<cmd>mentorship déjumeler @dr.smith avec @jane</cmd>',
  'mentorship.example.withdraw': '<cmd>mentorship retirer jane.doe@example.org [comme mentoré]</cmd>',
  'mentorship.example.complete': '<cmd>mentorship terminer jane.doe@example.org [comme mentoré]</cmd>',
  'mentorship.example.erase': '<cmd>mentorship effacer jane@example.org</cmd>',
  'mentorship.parse.personMissing':
    '{field, select, mentor {Il manque le mentor} mentee {Il manque le mentoré} other {Il manque la personne}} : mentionnez la personne (@nom) ou donnez son courriel, p. ex. {example}.',
  'mentorship.parse.notAPerson': '"{word}" n’est pas une personne que je peux trouver : mentionnez la personne (@nom) ou donnez son courriel, p. ex. {example}.',
  'mentorship.parse.enrollOptions': 'Je n’ai pas compris "{rest}" : j’attendais parcours, du ou au, p. ex. {example}.',
  'mentorship.parse.pairOptions': 'Je n’ai pas compris "{rest}" : j’attendais du, p. ex. {example}.',
  'mentorship.parse.needsValue': '"{keyword}" doit être suivi d’une valeur, p. ex. {example}.',
  'mentorship.parse.roleAfterAs': 'Donnez le rôle après "comme" : mentoré, mentor ou coordonnateur, p. ex. {example}.',
  'mentorship.parse.notARole': '"{word}" n’est pas un rôle : utilisez mentoré, mentor ou coordonnateur, p. ex. {example}.',
  'mentorship.parse.notAPathway': '"{word}" n’est pas un parcours : utilisez PRA-MB-FP, MLPIMG ou PRA-MB-SP, p. ex. {example}.',
  'mentorship.parse.endBeforeStart': 'La date de fin ({until}) précède la date de début ({from}), p. ex. {example}.',
  'mentorship.parse.menteeAfterWith': 'Nommez le mentoré après "avec", p. ex. {example}.',
  'mentorship.parse.notUnderstood': 'Je n’ai pas compris "{rest}", p. ex. {example}.',
  'mentorship.parse.statusRole':
    'Je n’ai pas compris "{rest}" : n’ajoutez rien, ou "comme mentoré", "comme mentor" ou "comme coordonnateur", p. ex. {example}.',
  'mentorship.parse.takesNothing': '"<cmd>mentorship {sub}</cmd>" ne prend rien après ; vous avez écrit "{rest}".',
  'mentorship.parse.channelTakesNothing':
    '"<cmd>mentorship {sub}</cmd>" ne prend rien après, sauf "arrêt" pour ne plus recevoir le sommaire dans ce canal ; vous avez écrit "{rest}".',
  'mentorship.parse.whichExport':
    'Précisez l’exportation : rencontres, dpc, lectures, réflexions, participants ou résumé, p. ex. <cmd>mentorship exporter rencontres</cmd>.',
  'mentorship.parse.eraseOne': 'Effacez une personne à la fois, p. ex. {example}.',

  'mentorship.enrolled':
    '{created, select, yes {Inscription de {name} comme {role}} other {Inscription de {name} comme {role} mise à jour :}} {hasEnd, select, yes {du {start} au {until}} other {à partir du {start}}}{pathwayState, select, set {, parcours {pathway}} missing { (pas encore de parcours : ajoutez "parcours PRA-MB-FP" pour le préciser)} other {}}.{created, select, yes { Un message de bienvenue lui sera envoyé.} other {}}',
  'mentorship.paired': 'Jumelage créé : {mentor} (mentor) avec {mentee} (mentoré), à partir du {from}. Les deux recevront un message de présentation.',
  'mentorship.unpaired': 'Jumelage terminé (il a duré du {from} au {until}). Leurs rencontres restent au dossier.',
  'mentorship.channel.removed': 'Ce canal ne reçoit plus le sommaire de la coordination.',
  'mentorship.channel.notADigestChannel':
    'Ce canal ne reçoit pas le sommaire de la coordination : rien à arrêter. <cmd>mentorship état</cmd> donne la liste des canaux du sommaire.',
  'mentorship.channel.set':
    'Ce canal recevra le sommaire de la coordination. Gardez-le réservé aux coordonnateurs : le sommaire nomme les personnes en retard.',
  'mentorship.channel.already': 'Ce canal reçoit déjà le sommaire de la coordination.',
  'mentorship.statusChange.nothing':
    '{hasRole, select, yes {Rien à changer : cette personne n’a pas d’inscription active comme {role} dans {program}.} other {Rien à changer : cette personne n’a pas d’inscription active dans {program}.}} <cmd>mentorship état</cmd> donne la liste des participants.',
  'mentorship.statusChange.done':
    '{sub, select, withdraw {Retrait du programme :} other {Achèvement consigné :}} {name} ({roles}). Ses jumelages ont pris fin et cette personne ne recevra plus de rappels ; ses dossiers sont conservés.',
  'mentorship.erased': '{name} et tous ses dossiers ont été effacés. Le journal d’audit ne garde que le fait que cela a été fait, et par qui.',

  'mentorship.roster.badDate':
    'La date {field, select, start {de début} from {de début} end {de fin} until {de fin} other {}} doit être un jour qui existe, écrit comme 2026-01-05 ; vous avez donné "{value}".',
  'mentorship.roster.whoToEnroll': 'Dites qui inscrire : mentionnez la personne (@nom) ou donnez son courriel, p. ex. jane.doe@example.org.',
  'mentorship.roster.endBeforeStart': 'La date de fin ({end}) précède la date de début ({start}), p. ex. du 2026-01-05 au 2027-01-04.',
  'mentorship.roster.notActive':
    '{known, select, yes {{who}} other {Cette personne}} n’a pas d’inscription active comme {role} dans {program}. Inscrivez d’abord la personne, p. ex. <cmd>mentorship inscrire jane.doe@example.org comme {role}</cmd>.',
  'mentorship.roster.selfMentor':
    'Une personne ne peut pas être son propre mentor : nommez deux personnes différentes, p. ex. <cmd>mentorship jumeler @dr.smith avec @jane</cmd>.',
  'mentorship.roster.alreadyPaired': '{mentor} est déjà le mentor de {mentee} (depuis le {since}).',
  'mentorship.roster.notPaired':
    'Ces deux personnes ne sont pas jumelées en ce moment : il n’y a rien à terminer. <cmd>mentorship état</cmd> donne la liste des jumelages.',
  'mentorship.roster.noSuchEnrollment': 'Cette inscription ne fait pas partie de ce programme. <cmd>mentorship état</cmd> donne la liste des participants.',
  'mentorship.away.endBeforeStart': 'La date de fin ({until}) précède la date de début ({from}), p. ex. <cmd>away 2026-12-20 2027-01-05</cmd>.',
  'mentorship.away.past': 'Le {until} est déjà passé : donnez des dates à partir d’aujourd’hui, p. ex. <cmd>away 2026-12-20 2027-01-05</cmd>.',
  'mentorship.erase.self': 'Vous ne pouvez pas vous effacer vous-même : demandez-le à un autre coordonnateur.',
  'mentorship.erase.notInProgram': 'Cette personne ne fait pas partie de {program} : il n’y a rien à effacer.',
  'mentorship.channel.notInDm':
    'Lancez cette commande dans le canal où le sommaire doit être publié (un canal privé de la coordination), pas dans un message privé.',
  'mentorship.channel.offInDm':
    'Lancez cette commande dans le canal du sommaire que vous voulez arrêter, pas dans un message privé. <cmd>mentorship état</cmd> donne la liste des canaux du sommaire.',
  'mentorship.channel.public':
    'Ce canal n’est pas privé{hasDetail, select, yes { ({detail})} other {}} : toute personne qui peut s’y joindre lirait le sommaire hebdomadaire, qui nomme les médecins en retard. Tapez <cmd>mentorship canal</cmd> dans un canal privé de la coordination.',
  'mentorship.channel.groupChat':
    '{platform, select, SLACK {Un message de groupe} other {Une conversation de groupe}} n’est pas un canal : toute personne ajoutée plus tard lirait chaque sommaire déjà publié. Tapez <cmd>mentorship canal</cmd> dans un canal privé de la coordination.',
  'mentorship.channel.unknownPrivacy':
    'Je n’ai pas pu vérifier que ce canal est privé ({reason}) : le sommaire n’y sera donc pas publié. Ajoutez le bot au canal, puis tapez de nouveau <cmd>mentorship canal</cmd>.',

  'mentorship.rosterFile.line': 'ligne {line}',
  'mentorship.rosterImport.changed.name': 'nom « {from} » → « {to} »',
  'mentorship.rosterImport.changed.email': 'courriel {email}',
  'mentorship.rosterImport.changed.enrollment': '{field, select, pathway {parcours} cpdSystem {système de DPC} startDate {début} other {fin}} {from} → {to}',
  'mentorship.rosterImport.changed.language': 'langue {from} → {to}',
  'mentorship.rosterImport.changed.linked': 'compte {platform, select, SLACK {Slack} other {Teams}} {account} lié',
  'mentorship.rosterImport.changed.unpaired': 'n’est plus jumelé(e) avec {name}',
  'mentorship.rosterImport.changed.paired': 'jumelé(e) avec {name} depuis le {from}',
  'mentorship.rosterFile.noRows': 'le fichier n’a aucune ligne sous son en-tête : une ligne par personne est attendue, p. ex. {example}',
  'mentorship.rosterFile.endBeforeStart': 'Ligne {line}, colonne end : la fin ({end}) précède le début ({start}), p. ex. {example}',
  'mentorship.roster.nameMissing': 'le nom manque : le nom complet de la personne est attendu, p. ex. {example}',
  'mentorship.roster.nameTooLong': 'le nom dépasse 200 caractères : un nom complet est attendu, p. ex. {example}',
  'mentorship.roster.emailMissing': 'le courriel manque : une adresse courriel est attendue, p. ex. {example}',
  'mentorship.roster.notAnEmail': '"{value}" n’est pas une adresse courriel : nom@domaine est attendu, p. ex. {example}',
  'mentorship.roster.roleMissing': 'le rôle manque : mentoré, mentor ou coordonnateur est attendu, p. ex. mentoré',
  'mentorship.roster.notARole': '"{value}" n’est pas un rôle : mentoré, mentor ou coordonnateur est attendu, p. ex. mentoré',
  'mentorship.roster.notAPathway': '"{value}" n’est pas un parcours : un de {pathways} est attendu, p. ex. {example}',
  'mentorship.roster.pathwayMissing': 'un mentoré doit avoir un parcours : un de {pathways} est attendu, p. ex. {example}',
  'mentorship.roster.coordinatorPathway': 'les coordonnateurs n’ont pas de parcours : une cellule vide est attendue, p. ex. {example}',
  'mentorship.roster.notIsoDate': '"{value}" n’est pas une date écrite AAAA-MM-JJ : année-mois-jour est attendu, p. ex. {example}',
  'mentorship.roster.notARealDate': '"{value}" n’est pas une vraie date : un jour qui existe, écrit AAAA-MM-JJ, est attendu, p. ex. {example}',
  'mentorship.roster.rowEndBeforeStart': 'la fin ({end}) précède le début ({start}) : une date après le début est attendue, p. ex. {example}',
  'mentorship.roster.mentorOnlyForMentees':
    'seuls les mentorés ont un mentor : une cellule vide est attendue sur la ligne d’un mentor ou d’un coordonnateur, p. ex. {example}',
  'mentorship.roster.mentorNotAnEmail': '"{value}" n’est pas une adresse courriel : le courriel du mentor est attendu, p. ex. {example}',
  'mentorship.roster.ownMentor': 'un mentoré ne peut pas être son propre mentor : le courriel du mentor est attendu, p. ex. {example}',
  'mentorship.roster.slackNoWorkspace':
    '"{value}" n’indique pas d’espace de travail Slack : ESPACE:MEMBRE est attendu (ou définissez SLACK_TEAM_ID pour des identifiants de membre seuls), p. ex. {example}',
  'mentorship.roster.notASlackId':
    '"{value}" n’est pas un identifiant Slack : l’identifiant de l’espace de travail (T…) et celui du membre (U… ou W…), séparés par un deux-points, sont attendus, p. ex. {example}',
  'mentorship.roster.teamsTooManyParts':
    '"{value}" n’est pas un identifiant Teams : l’identifiant du locataire et l’identifiant d’objet Azure AD de la personne, séparés par un deux-points, sont attendus, p. ex. {example}',
  'mentorship.roster.teamsNoTenant':
    '"{value}" n’indique pas de locataire Teams : LOCATAIRE:ID-OBJET-AAD est attendu (ou définissez TEAMS_APP_TENANT_ID pour des identifiants d’objet seuls), p. ex. {example}',
  'mentorship.roster.notATeamsId':
    '"{value}" n’est pas un identifiant Teams : l’identifiant du locataire et l’identifiant d’objet Azure AD de la personne (deux GUID), séparés par un deux-points, sont attendus, p. ex. {example}',
  'mentorship.roster.notALanguage':
    '"{value}" n’est pas une langue : en ou fr est attendu (anglais ou français ; une cellule vide laisse le choix à la personne), p. ex. {example}',
  'mentorship.roster.twiceInRole':
    '{email} figure déjà comme {role, select, MENTEE {mentoré} MENTOR {mentor} other {coordonnateur}} à la ligne {first} : chaque personne doit figurer une fois par rôle (un deuxième rôle va sur sa propre ligne), p. ex. {example}',
  'mentorship.roster.otherName':
    'la ligne {first} nomme {email} "{name}" : le même nom est attendu sur chaque ligne d’une même personne, p. ex. {example}',
  'mentorship.roster.idOfAnother':
    'cet identifiant est déjà donné à {email} à la ligne {first} : chaque compte de clavardage doit appartenir à une seule personne, p. ex. {example}',
  'mentorship.roster.anotherId':
    'la ligne {first} donne à {email} un autre identifiant {platform, select, SLACK {Slack} other {Teams}} : le même identifiant est attendu sur chaque ligne d’une même personne, p. ex. {example}',
  'mentorship.roster.unknownMentor':
    '{mentor} n’est ni un mentor de ce fichier ni un mentor actif de {program} : le courriel d’un mentor figurant sur une ligne de rôle mentor est attendu, p. ex. {example}',
  'mentorship.roster.accountOfAnother':
    'ce compte de clavardage appartient déjà à {name} ({owner}) : l’identifiant du propre compte de {email} est attendu, p. ex. {example}',

  'mentorship.programRules.invalid': 'Les règles du programme ne sont pas valides : {summary}',
  'mentorship.howToType':
    'Tapez une commande comme elle est écrite ici : dans Slack, elle commence par une barre oblique ; dans Teams, c’est le mot seul, envoyé au bot.',
  'mentorship.welcome.header': 'Bienvenue dans {program}',
  'mentorship.welcome.text': 'Bienvenue dans {program}, {name} : vous y participez comme {role}.',
  'mentorship.welcome.mentee':
    'Consignez chaque rencontre avec votre mentor avec <cmd>meeting</cmd>, vos activités de DPC avec <cmd>cpd</cmd>, et répondez aux invitations à la réflexion quand je vous les envoie. <cmd>progress</cmd> montre où vous en êtes.',
  'mentorship.welcome.mentor':
    'Consignez chaque rencontre avec votre mentoré avec <cmd>meeting</cmd> ; je vous relancerai quand une rencontre se fera attendre. <cmd>progress</cmd> montre comment vont vos mentorés.',
  'mentorship.welcome.coordinator':
    'Vous pouvez inscrire et jumeler des personnes avec <cmd>mentorship</cmd>, et vous recevrez le sommaire hebdomadaire. <cmd>mentorship aide</cmd> donne la liste complète.',
  'mentorship.welcome.privacy': 'Les dossiers tenus ici portent sur vous en tant que médecin : n’y inscrivez jamais d’identifiants de patients.',
  'mentorship.fact.role': 'Rôle',
  'mentorship.fact.pathway': 'Parcours',
  'mentorship.fact.from': 'Début',
  'mentorship.fact.until': 'Fin',
  'mentorship.intro.header': 'Voici votre partenaire de mentorat',
  'mentorship.intro.text':
    '{mentee}, voici votre mentor, {mentor} ; {mentor}, voici votre mentoré, {mentee}. Vous êtes jumelés dans {program} à partir du {from}.',
  'mentorship.intro.cadence':
    'Prévoyez de vous rencontrer au moins tous les {cadence} jours. Après chaque rencontre, l’un de vous deux la consigne avec <cmd>meeting</cmd> (p. ex. <cmd>meeting aujourd’hui 45 min vidéo Discussion sur la facturation</cmd>) ou avec le bouton ci-dessous ; l’autre est invité à la confirmer.',
  'mentorship.intro.logMeeting': 'Consigner une rencontre',
};
