import type { reach as english } from '../en/reach.js';
import type { CatalogueOf } from '../types.js';

// Microsoft's own French: locataire (tenant), inscription d'application (app registration),
// consentement de l'administrateur (admin consent). Settings and scopes stay as they are typed.
export const reach: CatalogueOf<typeof english> = {
  'reach.reasons': '{first} ; {rest}',
  'reach.notInStore': 'cette personne n’est plus dans la base de données',
  'reach.untrusted':
    'son compte {platform} {account} se trouve dans {kind, select, SLACK {un espace de travail Slack} other {un locataire Microsoft}} auquel le programme ne fait pas confiance ({workspace})',
  'reach.refusedDirect': 'son compte {platform} {account} a refusé les messages directs (l’application est-elle installée pour cette personne?)',
  'reach.platformOff': 'son compte {platform} {account} est sur une plateforme que ce déploiement n’utilise pas',
  'reach.noEmail': 'ni courriel ni compte de clavardage : ajoutez son courriel, ou slack_user_id / teams_user_id, à la liste des participants',
  'reach.someoneElse': 'le compte {platform} {account} trouvé pour {email} appartient à une autre personne du programme',
  'reach.noPlatform': 'aucune plateforme de clavardage n’est activée dans ce déploiement',
  'reach.noDirectory': 'pas encore de compte de clavardage, et aucun annuaire pour en trouver un à partir de {email}',
  'reach.unreadable': 'la raison n’a pas pu être relue : npm run cli -- reach la donne de nouveau',

  'reach.slack.rateLimited': 'Slack a demandé d’attendre avant de rechercher {subject} (limite de requêtes atteinte)',
  'reach.slack.notFound':
    'aucun membre Slack avec {subject} dans {known, select, yes {l’espace de travail {workspace}} other {l’espace de travail du robot}} : ajoutez slack_user_id à la liste des participants, ou invitez cette personne dans l’espace de travail',
  'reach.slack.missingScope': 'il manque à l’application Slack la permission users:read.email : ajoutez-la et réinstallez l’application (manifests/slack/manifest.yaml)',
  'reach.slack.refused': 'Slack a refusé la recherche ({code}) : vérifiez SLACK_BOT_TOKEN et les permissions de l’application',
  'reach.slack.failed': 'Slack n’a pas pu rechercher {subject} ({code})',
  'reach.slack.noMember': 'Slack n’a décrit aucun membre pour {subject}',
  'reach.slack.deactivated': '{subject} est un membre Slack désactivé : réactivez son compte, ou utilisez son compte actuel',
  'reach.slack.bot': '{subject} est un robot ou une application Slack, pas une personne',
  'reach.slack.noEmail': 'Slack n’a donné aucun courriel pour cette personne (l’application a besoin de la permission users:read.email)',
  'reach.slack.dmRefused': 'Slack a refusé un message direct avec {who} ({code})',

  'reach.teams.notKnown':
    'aucun compte Teams connu pour {email} : cette personne n’a pas encore ouvert l’application; installez-la pour elle (ou pour tout le locataire), ajoutez teams_user_id à la liste des participants, ou activez la recherche Graph (TEAMS_GRAPH=true)',
  'reach.teams.noConversation': 'Teams n’a donné aucune conversation où chercher la mention',
  'reach.teams.notMember': 'cette personne n’est pas membre de l’équipe ou de la conversation où ceci a été tapé',
  'reach.teams.lookupFailed': 'Teams n’a pas pu rechercher cette personne{hasStatus, select, yes { (HTTP {status})} other {}}',
  'reach.teams.otherTenant': 'cette personne appartient à un autre locataire Microsoft (invitée ou membre externe) : inscrivez-la avec son compte du locataire du programme',
  'reach.teams.mentionNeedsBot': 'une mention Teams ne peut être recherchée que par le robot en marche',

  // Infinitives after « pour », « à » and « qu’on puisse », which never elide.
  'reach.graph.lookUp': 'rechercher {subject}',
  'reach.graph.install': 'installer l’application Teams pour cette personne',
  'reach.graph.unreachable': 'Microsoft Graph n’a pas pu être joint pour {what}',
  'reach.graph.refused':
    'Microsoft Graph n’autorise pas l’application à {what} : l’inscription d’application a besoin de la permission d’application {permission}, avec le consentement de l’administrateur',
  'reach.graph.wait': 'Microsoft Graph a demandé d’attendre avant qu’on puisse {what}',
  'reach.graph.failed': 'Microsoft Graph n’a pas pu {what} ({code})',
  'reach.graph.notFound':
    'aucun utilisateur {subject} dans le locataire Microsoft 365 {tenant} : vérifiez l’adresse, ou ajoutez teams_user_id à la liste des participants',
  'reach.graph.noUser': 'aucun utilisateur {email} dans le locataire Microsoft 365 {tenant}',
  'reach.graph.disabled': 'le compte Microsoft 365 de {email} est désactivé',
  'reach.graph.notInstalled':
    'l’application Teams (identifiant de catalogue {catalogAppId}) n’est pas installée pour cette personne et n’a pas pu l’être : vérifiez TEAMS_CATALOG_APP_ID',
  'reach.graph.noChat': 'Microsoft Graph n’a pas encore donné de conversation pour l’installation',
};
