// Why someone cannot be reached, and what to do about it: said by the directories (Slack, Teams,
// Microsoft Graph) and by core's reach rules (reach.service.ts), read by coordinators in the digest
// and the `reach` command. Platform ids, error codes and settings are quoted as they are, as values.
export const reach = {
  // Several reasons, one after the other (reach.service.ts joinReasons).
  'reach.reasons': '{first}; {rest}',
  'reach.notInStore': 'they are no longer in the store',
  'reach.untrusted': 'their {platform} account {account} is in {kind, select, SLACK {a Slack workspace} other {a Microsoft tenant}} the program does not trust ({workspace})',
  'reach.refusedDirect': 'their {platform} account {account} refused direct messages (is the app installed for them?)',
  'reach.platformOff': 'their {platform} account {account} is on a platform this deployment does not run',
  'reach.noEmail': 'no email and no chat account: add their email, or slack_user_id / teams_user_id, to the roster',
  'reach.someoneElse': 'the {platform} account {account} found for {email} belongs to someone else in the program',
  'reach.noPlatform': 'no chat platform is turned on in this deployment',
  'reach.noDirectory': 'no chat account yet, and no directory to find one by {email}',
  // A reason stored by delivery that cannot be read back (cut short, or from a catalogue since changed).
  'reach.unreadable': 'the reason could not be read back: npm run cli -- reach gives it again',

  'reach.slack.rateLimited': 'Slack asked to wait before looking up {subject} (rate limited)',
  'reach.slack.notFound':
    'no Slack member with {subject} in {known, select, yes {workspace {workspace}} other {the bot’s workspace}}: add slack_user_id to the roster, or invite them to the workspace',
  'reach.slack.missingScope': 'the Slack app lacks the users:read.email scope: add it and reinstall the app (manifests/slack/manifest.yaml)',
  'reach.slack.refused': "Slack refused the lookup ({code}): check SLACK_BOT_TOKEN and the app's scopes",
  'reach.slack.failed': 'Slack could not look up {subject} ({code})',
  'reach.slack.noMember': 'Slack described no member for {subject}',
  'reach.slack.deactivated': '{subject} is a deactivated Slack member: reactivate them, or use their current account',
  'reach.slack.bot': '{subject} is a Slack bot or app, not a person',
  'reach.slack.noEmail': 'Slack gave no email for them (the app needs the users:read.email scope)',
  'reach.slack.dmRefused': 'Slack refused a DM with {who} ({code})',

  'reach.teams.notKnown':
    'no Teams account known for {email}: they have not opened the app yet; install it for them (or tenant-wide), add teams_user_id to the roster, or turn on the Graph lookup (TEAMS_GRAPH=true)',
  'reach.teams.noConversation': 'Teams gave no conversation to look the mention up in',
  'reach.teams.notMember': 'they are not a member of the team or chat this was typed in',
  'reach.teams.lookupFailed': 'Teams could not look them up{hasStatus, select, yes { (HTTP {status})} other {}}',
  'reach.teams.otherTenant': "they belong to another Microsoft tenant (a guest or external member): enroll them by the account of the program's tenant",
  'reach.teams.mentionNeedsBot': 'a Teams mention can only be looked up by the running bot',

  // What Graph was asked to do: the {what} of the reach.graph messages below.
  'reach.graph.lookUp': 'look up {subject}',
  'reach.graph.install': 'install the Teams app for them',
  'reach.graph.unreachable': 'Microsoft Graph could not be reached to {what}',
  'reach.graph.refused': 'Microsoft Graph refused to {what}: the app registration needs the application permission {permission}, with admin consent',
  'reach.graph.wait': 'Microsoft Graph asked to wait before we {what}',
  'reach.graph.failed': 'Microsoft Graph could not {what} ({code})',
  'reach.graph.notFound': 'no user {subject} in the Microsoft 365 tenant {tenant}: check the address, or add teams_user_id to the roster',
  'reach.graph.noUser': 'no user {email} in the Microsoft 365 tenant {tenant}',
  'reach.graph.disabled': 'the Microsoft 365 account of {email} is disabled',
  'reach.graph.notInstalled': 'the Teams app (catalogue id {catalogAppId}) is not installed for them and could not be: check TEAMS_CATALOG_APP_ID',
  'reach.graph.noChat': 'Microsoft Graph gave no chat for the installation yet',
} as const satisfies Record<string, string>;
