// The environment of DESIGN.md's contract, parsed once at start. A wrong value stops the start
// with the variable's name, what it expects and an example — never a stack trace.
import { z } from 'zod';
import { ConfigError, formatIssues } from './config-error.js';
import { CoordinatorRefSchema as identity } from './program-file.js';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const booleanFlag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return false;
    if (/^(true|1|yes|on)$/i.test(v)) return true;
    if (/^(false|0|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: 'custom', message: 'expected true or false, e.g. TEAMS_AUTH_DISABLED=true' });
    return z.NEVER;
  });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const httpsUrl = (name: string, example: string) =>
  optionalText.refine((v) => v === undefined || /^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/.test(v), {
    message: `expected an https:// address, e.g. ${name}=${example}`,
  });
const TENANT_ID = GUID;

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ invalid_type_error: 'expected a port number, e.g. PORT=3000' })
      .int({ message: 'expected a whole port number, e.g. PORT=3000' })
      .min(0, { message: 'expected a port between 0 and 65535, e.g. PORT=3000' })
      .max(65535, { message: 'expected a port between 0 and 65535, e.g. PORT=3000' })
      .default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'expected a PostgreSQL URL, e.g. DATABASE_URL=postgresql://user:password@localhost:5432/mentorship (leave it unset for the embedded store)',
    }),
    DATA_DIR: z.string().default('./data'),
    PROGRAM_FILE: optionalText,
    COORDINATORS: optionalText.transform((v, ctx) => {
      const list = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      for (const item of list) {
        const parsed = identity.safeParse(item);
        if (!parsed.success) ctx.addIssue({ code: 'custom', message: `"${item}": ${parsed.error.issues[0]?.message}` });
      }
      return list;
    }),
    SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), {
      message: 'expected a bot token starting with xoxb-, e.g. SLACK_BOT_TOKEN=xoxb-123-456-abc',
    }),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
      message: 'expected an app-level token starting with xapp-, e.g. SLACK_APP_TOKEN=xapp-1-A111-222-abc',
    }),
    SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/.+\/$/.test(v), {
      message: 'expected a URL ending in a slash, e.g. SLACK_API_URL=https://slack.com/api/',
    }),
    /** Roster files may give bare Slack member ids when this names the workspace. */
    SLACK_TEAM_ID: optionalText.refine((v) => v === undefined || /^[TE][A-Z0-9]+$/.test(v), {
      message: 'expected a Slack workspace id, e.g. SLACK_TEAM_ID=T0123ABCD',
    }),
    /** Teams refuses an app package whose id is not a GUID: refused at start, not at upload. */
    TEAMS_APP_ID: optionalText.refine((v) => v === undefined || GUID.test(v), {
      message: "expected the Application (client) ID of the bot's Azure app registration, a GUID, e.g. TEAMS_APP_ID=00000000-0000-0000-0000-000000000000",
    }),
    TEAMS_APP_PASSWORD: optionalText,
    TEAMS_APP_TENANT_ID: optionalText,
    // New Azure Bot registrations are single-tenant or user-assigned managed identity (multi-tenant
    // creation was deprecated after 2025-07-31); existing MultiTenant bots keep working.
    TEAMS_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    TEAMS_AUTH_DISABLED: booleanFlag,
    /** Tenants besides TEAMS_APP_TENANT_ID whose users may be linked and served (DESIGN.md, "Trust"). */
    TEAMS_TRUSTED_TENANTS: optionalText.transform((v, ctx) => {
      const list = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      for (const item of list) {
        if (!TENANT_ID.test(item)) ctx.addIssue({ code: 'custom', message: `"${item}" is not a tenant id: expected comma-separated GUIDs, e.g. TEAMS_TRUSTED_TENANTS=72f988bf-86f1-41af-91ab-2d7cd011db47` });
      }
      return list;
    }),
    /** Where Bot Framework's signing keys are described (proxies, tests); default Microsoft's. */
    TEAMS_OPENID_METADATA_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/.+/.test(v), {
      message: 'expected a URL, e.g. TEAMS_OPENID_METADATA_URL=https://login.botframework.com/v1/.well-known/openidconfiguration',
    }),
    /** Key of the request ids in forms; several replicas must share it (default: one per process). */
    REQUEST_ID_SECRET: optionalText.refine((v) => v === undefined || v.length >= 16, {
      message: 'expected at least 16 random characters, e.g. REQUEST_ID_SECRET=$(openssl rand -base64 32)',
    }),
    /** The public host name put in the Teams app package (`npm run cli -- manifest teams`). */
    TEAMS_BOT_DOMAIN: optionalText.refine((v) => v === undefined || /^(https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(\/.*)?$/i.test(v), {
      message: 'expected the bot\'s public host name, e.g. TEAMS_BOT_DOMAIN=bot.example.org',
    }),
    /** The links and version put in the Teams app package (`npm run cli -- manifest teams`). */
    TEAMS_APP_WEBSITE_URL: httpsUrl('TEAMS_APP_WEBSITE_URL', 'https://hospital.example/mentorship'),
    TEAMS_APP_PRIVACY_URL: httpsUrl('TEAMS_APP_PRIVACY_URL', 'https://hospital.example/mentorship/privacy'),
    TEAMS_APP_TERMS_URL: httpsUrl('TEAMS_APP_TERMS_URL', 'https://hospital.example/mentorship/terms'),
    TEAMS_APP_VERSION: optionalText.refine((v) => v === undefined || /^\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(v), {
      message: 'expected a version MAJOR.MINOR.PATCH, higher than the one uploaded before, e.g. TEAMS_APP_VERSION=1.0.1',
    }),
    /** Microsoft Graph with the bot's own registration: find Teams users by email, install the app for them. */
    TEAMS_GRAPH: booleanFlag,
    MS_GRAPH_URL: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? 'https://graph.microsoft.com/v1.0/' : v.trim()))
      .refine((v) => /^https?:\/\/.+\/$/.test(v), { message: 'expected a URL ending in a slash, e.g. MS_GRAPH_URL=https://graph.microsoft.com/v1.0/' }),
    MS_LOGIN_URL: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? 'https://login.microsoftonline.com/' : v.trim()))
      .refine((v) => /^https?:\/\/.+\/$/.test(v), { message: 'expected a URL ending in a slash, e.g. MS_LOGIN_URL=https://login.microsoftonline.com/' }),
    /** The Teams app's id in the organisation's app catalogue (Teams admin center → Manage apps → App ID). */
    TEAMS_CATALOG_APP_ID: optionalText,
    SCHEDULER_ENABLED: booleanFlag.or(z.boolean()).optional(),
    SCHEDULER_CRON: z.string().default('* * * * *'),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is needed with SLACK_BOT_TOKEN (from the Slack app\'s Basic Information page), unless SLACK_APP_TOKEN turns on Socket Mode' });
    }
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is needed to turn Slack on, e.g. SLACK_BOT_TOKEN=xoxb-123-456-abc' });
    }
    if (env.TEAMS_APP_ID && !env.TEAMS_APP_PASSWORD && env.TEAMS_APP_TYPE !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_APP_PASSWORD'], message: 'is needed with TEAMS_APP_ID (the client secret of the bot\'s app registration)' });
    }
    if (env.TEAMS_APP_TYPE !== 'MultiTenant' && env.TEAMS_APP_ID && !env.TEAMS_APP_TENANT_ID) {
      const why = env.TEAMS_APP_TYPE === 'SingleTenant' ? 'a single-tenant bot (TEAMS_APP_TYPE=SingleTenant, the default)' : 'TEAMS_APP_TYPE=UserAssignedMSI';
      ctx.addIssue({
        code: 'custom',
        path: ['TEAMS_APP_TENANT_ID'],
        message: `is needed for ${why}: the Directory (tenant) ID of the bot's app registration, e.g. TEAMS_APP_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47 (a bot registered as multi-tenant before 2025-08 sets TEAMS_APP_TYPE=MultiTenant instead)`,
      });
    }
    if (env.TEAMS_GRAPH) {
      const needed: [keyof typeof env, string][] = [
        ['TEAMS_APP_ID', "the bot's app registration (client) id, e.g. TEAMS_APP_ID=00000000-0000-0000-0000-000000000000"],
        ['TEAMS_APP_PASSWORD', "the registration's client secret"],
        ['TEAMS_APP_TENANT_ID', 'the Microsoft 365 tenant whose users Graph looks up, e.g. TEAMS_APP_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47'],
        ['TEAMS_CATALOG_APP_ID', "the app's id in the organisation's catalogue (Teams admin center → Manage apps)"],
      ];
      for (const [key, what] of needed) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is needed with TEAMS_GRAPH=true: ${what}` });
      }
    }
    // Single-tenant and managed-identity registrations already need TEAMS_APP_TENANT_ID (above).
    if (env.TEAMS_APP_TYPE === 'MultiTenant' && env.TEAMS_APP_ID && !env.TEAMS_APP_TENANT_ID && env.TEAMS_TRUSTED_TENANTS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEAMS_TRUSTED_TENANTS'],
        message: `must list the Microsoft tenants whose users the bot serves when TEAMS_APP_TYPE=MultiTenant has no TEAMS_APP_TENANT_ID: without it anyone in any tenant could be linked by the email in their profile, e.g. TEAMS_TRUSTED_TENANTS=72f988bf-86f1-41af-91ab-2d7cd011db47`,
      });
    }
    if (env.TEAMS_AUTH_DISABLED && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_AUTH_DISABLED'], message: 'is refused when NODE_ENV=production: Teams must check Bot Framework tokens there' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

let defaults: Record<string, unknown> | undefined;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    defaults ??= EnvSchema.parse({}) as Record<string, unknown>;
    const example = (path: readonly (string | number)[]) => (path.length === 1 ? defaults![String(path[0])] : undefined);
    throw new ConfigError('environment', formatIssues(parsed.error.issues, source, { env: true, example }));
  }
  return parsed.data;
}

export interface PlatformSwitches {
  slack: 'off' | 'http' | 'socket';
  teams: 'off' | 'auth' | 'no-auth';
}

export function platformSwitches(env: Env): PlatformSwitches {
  const slack = !env.SLACK_BOT_TOKEN ? 'off' : env.SLACK_APP_TOKEN ? 'socket' : 'http';
  const teams = env.TEAMS_APP_ID ? 'auth' : env.TEAMS_AUTH_DISABLED ? 'no-auth' : 'off';
  return { slack, teams };
}
