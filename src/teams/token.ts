// What can be said of a Bot Framework bearer token without Microsoft's signing keys. botbuilder
// verifies the signature, which means fetching those keys (login.botframework.com); a token that
// could never be valid — not RS256 (Bot Framework signs with RS256 only), or expired, or not yet
// valid — is refused here, at once and without a network call. Everything else is botbuilder's.

/** Bot Framework's tolerated clock skew. */
const SKEW_SECONDS = 300;

/** Why this Authorization header cannot carry a valid Bot Framework token, or undefined when only a signature check can tell. */
export function tokenProblem(authorization: string | undefined, nowSeconds: number): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization ?? '');
  if (!match) return 'expected "Authorization: Bearer <JWT>"';
  const header = decodePart(match[1]!);
  const claims = decodePart(match[2]!);
  if (!header || !claims) return 'the token is not a JWT';
  if (header.alg !== 'RS256') return 'the token is not signed the way Bot Framework signs (RS256)';
  if (!match[3]) return 'the token has no signature';
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS < nowSeconds) return 'the token has expired';
  if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > nowSeconds) return 'the token is not valid yet';
  return undefined;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
