// Requests signed exactly as Slack signs them (v0): X-Slack-Signature = 'v0=' + HMAC-SHA256 of
// 'v0:<timestamp>:<raw body>' with the app's signing secret, plus X-Slack-Request-Timestamp.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replaces the computed signature (wrong-signature tests); null sends none. */
  signature?: string | null;
  /** Slack's retry headers. */
  retryNum?: number;
  retryReason?: string;
  contentType?: string;
}

/** POSTs a raw body to the app the way Slack would. Slash commands and interactivity are form-encoded. */
export async function postSigned(url: string, body: string, options: SignedPostOptions = {}): Promise<{ status: number; text: string; json: unknown }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? (body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded'),
    'x-slack-request-timestamp': String(timestamp),
  };
  const signature = options.signature === undefined ? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const { status, text } = await post(url, headers, body);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

/** A fresh connection per request (no keep-alive): a reused socket the server just closed would fail the test, not the app. */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Form-encodes fields as Slack does for slash commands. */
export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** Interactivity: one form field `payload` holding the JSON. */
export const interactiveBody = (payload: object): string => formBody({ payload: JSON.stringify(payload) });
