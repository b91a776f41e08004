// Answers on an interaction's response_url: one JSON POST. Bolt's respond() sends it with the global
// fetch, whose Request, Headers and body streams cost more CPU than the rest of a command's Slack side
// (profiled: bench/slack-profile.ts); undici's request sends the same POST over the same keep-alive
// pool, through the proxy when one is set (http/proxy.ts installs it as the global dispatcher).
import type { RespondArguments } from '@slack/bolt';
import { request, type Dispatcher } from 'undici';

export type Respond = (message: RespondArguments) => Promise<void>;

/** Raised when Slack refuses the answer (expired response_url, used five times, rate limited). */
export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`Failed to respond to the response_url: ${status}`);
    this.name = 'ResponseUrlError';
  }
}

export function responder(responseUrl: string, dispatcher?: Dispatcher): Respond {
  return async (message) => {
    const response = await request(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      ...(dispatcher ? { dispatcher } : {}),
    });
    // Read to the end, or the connection cannot go back to the pool.
    await response.body.dump();
    if (response.statusCode < 200 || response.statusCode > 299) throw new ResponseUrlError(response.statusCode);
  };
}
