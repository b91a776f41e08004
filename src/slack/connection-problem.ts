// Why Slack could not be reached, in words an operator can act on: the network, DNS, the token, a
// scope, or Slack itself, and what to check for each. Never "check the token" when the network is
// the problem.
export type SlackProblemKind = 'network' | 'dns' | 'proxy' | 'token' | 'scope' | 'slack';

export interface SlackProblem {
  kind: SlackProblemKind;
  /** The error code behind it: ECONNREFUSED, ENOTFOUND, invalid_auth, missing_scope… */
  code: string;
  /** What failed and what to check, one sentence. */
  message: string;
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'invalid_token']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

/** The lowest-level code in an error chain (WebClient wraps axios, which wraps the socket error). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; errno?: unknown; original?: unknown; cause?: unknown; data?: { error?: unknown } };
    if (typeof e.data?.error === 'string') codes.push(e.data.error);
    if (typeof e.code === 'string') codes.push(e.code);
    current = e.original ?? e.cause;
  }
  return codes;
}

/** `where`: the Web API base URL tried, for the message. */
export function describeSlackProblem(error: unknown, where = 'https://slack.com/api/', proxy?: string): SlackProblem {
  const codes = causeCodes(error);
  const text = error instanceof Error ? error.message : String(error);
  const status = (error as { statusCode?: number } | null)?.statusCode;
  const scope = codes.find((c) => c === 'missing_scope');
  if (scope) {
    const needed = (error as { data?: { needed?: string } }).data?.needed;
    return { kind: 'scope', code: scope, message: `the Slack app lacks the scope ${needed ?? '(see the error)'}: add it under OAuth & Permissions (or recreate the app from npm run cli -- manifest slack) and reinstall the app` };
  }
  const token = codes.find((c) => TOKEN_ERRORS.has(c));
  if (token) return { kind: 'token', code: token, message: `Slack refused the token (${token}): check SLACK_BOT_TOKEN (xoxb-…, OAuth & Permissions) and SLACK_APP_TOKEN (xapp-…, Basic Information) belong to this app and were not revoked` };
  const dns = codes.find((c) => DNS_CODES.has(c));
  if (dns) return { kind: 'dns', code: dns, message: `the name of ${proxy ? `the proxy ${proxy}` : where} could not be resolved (${dns}): check the DNS of this machine${proxy ? ' and HTTPS_PROXY' : ', or set HTTPS_PROXY if the network goes out through a proxy'}` };
  if (status === 407) return { kind: 'proxy', code: '407', message: `the proxy ${proxy ?? ''} asks for authentication (407): put the user and password in HTTPS_PROXY, e.g. http://user:password@proxy:3128` };
  const network = codes.find((c) => NETWORK_CODES.has(c)) ?? (/fetch failed|socket hang up|ECONNREFUSED|timeout/i.test(text) ? 'network' : undefined);
  if (network) {
    return {
      kind: 'network',
      code: network,
      message: proxy
        ? `no connection to Slack through the proxy ${proxy} (${network}): check the proxy is up and lets this machine reach ${where}`
        : `no connection to ${where} (${network}): check this machine reaches Slack (firewall, outbound HTTPS on port 443), or set HTTPS_PROXY if it must go through a proxy`,
    };
  }
  const code = codes[0] ?? (status ? String(status) : 'unknown_error');
  return { kind: 'slack', code, message: `Slack answered with an error (${code}${status ? `, HTTP ${status}` : ''}): see https://slack-status.com and the error code in Slack's API documentation` };
}
