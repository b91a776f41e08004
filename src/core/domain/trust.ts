// Which chat workspaces the program trusts (DESIGN.md, "Trust"): accounts are linked, and requests
// accepted, only from these. An email address in a chat profile proves nothing by itself (Entra
// email attributes are not verified): it counts only inside a workspace or tenant the program trusts.
import type { Platform } from './enums.js';

export interface TrustPolicy {
  /** Slack workspace (team) ids: the bot token's workspace (auth.test) and SLACK_TEAM_ID. */
  slackWorkspaces: Set<string>;
  /** Microsoft tenant ids: TEAMS_APP_TENANT_ID and TEAMS_TRUSTED_TENANTS. */
  teamsTenants: Set<string>;
  /** False only with TEAMS_AUTH_DISABLED=true (local testing): Teams tenants are not checked. */
  checkTeamsTenants: boolean;
}

/** The one rule: is a (platform, workspace or tenant) one the program trusts? */
export function isTrustedWorkspace(policy: TrustPolicy, platform: Platform, workspaceId: string): boolean {
  switch (platform) {
    case 'SLACK':
      return policy.slackWorkspaces.has(workspaceId);
    case 'TEAMS':
      return !policy.checkTeamsTenants || policy.teamsTenants.has(workspaceId.toLowerCase());
  }
}

/** Tenant ids are GUIDs whose case varies between sources; kept lower-case. */
export function trustPolicy(input: { slackWorkspaces?: Iterable<string>; teamsTenants?: Iterable<string>; checkTeamsTenants: boolean }): TrustPolicy {
  return {
    slackWorkspaces: new Set(input.slackWorkspaces ?? []),
    teamsTenants: new Set([...(input.teamsTenants ?? [])].map((t) => t.toLowerCase())),
    checkTeamsTenants: input.checkTeamsTenants,
  };
}
