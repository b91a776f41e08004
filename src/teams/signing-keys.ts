// Bot Framework's signing keys, fetched once and kept: every token's signature is checked here before
// botbuilder sees the request. botbuilder fetches the keys again on every request while Microsoft's
// endpoint is unreachable, so each forged token would cost a fetch and get a 500 carrying the fetch
// error; here a failed fetch is not retried for RETRY_AFTER_FAILURE_MS (those requests get 503), and
// an unknown key id refreshes the keys at most once per UNKNOWN_KEY_REFRESH_MS.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const BOT_FRAMEWORK_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

const KEYS_TTL_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_KEY_REFRESH_MS = 60 * 60 * 1000;
export const RETRY_AFTER_FAILURE_MS = 60 * 1000;
const FETCH_TIMEOUT_MS = 5000;

export type SignatureVerdict = 'valid' | 'invalid' | 'unavailable';

interface Jwk {
  kid?: string;
  kty?: string;
  n?: string;
  e?: string;
}

export interface SigningKeys {
  /** Whether `token` (a JWT whose shape token.ts already checked) carries a signature of one of the keys. */
  check(token: string): Promise<SignatureVerdict>;
  /** Fetches of the metadata made so far (for tests and logs). */
  fetches(): number;
}

export function signingKeys(options: { metadataUrl?: string; now?: () => number; onFailure?: (error: unknown) => void } = {}): SigningKeys {
  const metadataUrl = options.metadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA;
  const now = options.now ?? (() => Date.now());
  let keys = new Map<string, KeyObject>();
  let loadedAt = -Infinity;
  let attemptedAt = -Infinity;
  let failedAt = -Infinity;
  let fetches = 0;
  let inFlight: Promise<boolean> | undefined;

  async function load(): Promise<boolean> {
    fetches++;
    attemptedAt = now();
    try {
      const metadata = (await (await fetchOk(metadataUrl)).json()) as { jwks_uri?: unknown };
      if (typeof metadata.jwks_uri !== 'string') throw new Error('the OpenID metadata has no jwks_uri');
      const body = (await (await fetchOk(metadata.jwks_uri)).json()) as { keys?: Jwk[] };
      const next = new Map<string, KeyObject>();
      for (const jwk of body.keys ?? []) {
        if (!jwk.kid || jwk.kty !== 'RSA' || !jwk.n || !jwk.e) continue;
        next.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
      }
      keys = next;
      loadedAt = now();
      return true;
    } catch (error) {
      failedAt = now();
      options.onFailure?.(error);
      return false;
    }
  }

  /** One fetch at a time, however many requests wait for it. */
  const refresh = (): Promise<boolean> => (inFlight ??= load().finally(() => (inFlight = undefined)));

  return {
    fetches: () => fetches,
    async check(token) {
      const [headerPart, payloadPart, signaturePart] = token.split('.');
      let kid: unknown;
      try {
        kid = (JSON.parse(Buffer.from(headerPart ?? '', 'base64url').toString('utf8')) as { kid?: unknown }).kid;
      } catch {
        return 'invalid';
      }
      if (typeof kid !== 'string') return 'invalid';
      const t = now();
      if (t - loadedAt > KEYS_TTL_MS) {
        // Stale or never loaded: fetch, unless the last fetch failed a moment ago.
        if (t - failedAt < RETRY_AFTER_FAILURE_MS) return keys.size ? verdictOf(kid) : 'unavailable';
        if (!(await refresh()) && keys.size === 0) return 'unavailable';
      } else if (!keys.has(kid) && t - attemptedAt > UNKNOWN_KEY_REFRESH_MS) {
        // Microsoft rolls its keys: a new key id is worth one refresh an hour, no more.
        await refresh();
      }
      return verdictOf(kid);

      function verdictOf(id: string): SignatureVerdict {
        const key = keys.get(id);
        if (!key) return 'invalid';
        const signed = Buffer.from(`${headerPart}.${payloadPart}`);
        return verify('RSA-SHA256', signed, key, Buffer.from(signaturePart ?? '', 'base64url')) ? 'valid' : 'invalid';
      }
    },
  };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response;
}
