// The directories of the platforms the environment turns on, for commands that ask them outside the
// running bot (`reach`): the same adapters' implementations, without their HTTP side.
import type { Env } from '../config/env.js';
import { platformSwitches } from '../config/env.js';
import type { CoreContext, Logger } from '../core/context.js';
import type { Directory } from '../core/directory.js';
import { said } from '../core/i18n/translate.js';

export async function directoriesFromEnv(env: Env, ctx: CoreContext, logger: Logger): Promise<Directory[]> {
  const switches = platformSwitches(env);
  const directories: Directory[] = [];
  if (switches.slack !== 'off') {
    const [{ webApi }, { createSlackDirectory }] = await Promise.all([import('@slack/bolt'), import('../slack/directory.js')]);
    const client = new webApi.WebClient(env.SLACK_BOT_TOKEN!, {
      ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
    });
    let teamId = env.SLACK_TEAM_ID;
    try {
      teamId = (await client.auth.test()).team_id ?? teamId;
    } catch {
      logger.error({}, 'Slack auth.test failed: check SLACK_BOT_TOKEN (and SLACK_API_URL if set)');
    }
    directories.push(createSlackDirectory({ client, logger, teamId: () => teamId }));
  }
  if (switches.teams !== 'off' && env.TEAMS_GRAPH) {
    // Outside the running bot Teams can only be asked by email, through Graph (a mention needs a turn).
    const { graphDirectoryFromEnv } = await import('../teams/graph.js');
    const graph = graphDirectoryFromEnv(env, ctx, logger);
    directories.push({
      platform: 'TEAMS',
      findByEmail: (email) => graph.findByEmail(email),
      openDirect: (account) => graph.openDirect(account),
      describe: async () => ({ kind: 'missing', reason: said('reach.teams.mentionNeedsBot') }),
    });
  }
  return directories;
}
