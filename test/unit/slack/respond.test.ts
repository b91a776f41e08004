import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { responder, ResponseUrlError } from '../../../src/slack/respond.js';
import { deliverReply } from '../../../src/slack/listeners/reply.js';
import { createSlackMessenger } from '../../../src/slack/messenger.js';
import { createLogger } from '../../../src/http/logger.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

describe('answering on a response_url', () => {
  let slack: FakeSlack;
  let refusing: Server;
  let refusedUrl = '';
  beforeAll(async () => {
    slack = await startFakeSlack();
    // Slack answers 404 to a response_url that expired or was used five times.
    refusing = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('expired_url');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const address = refusing.address();
    refusedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/expired`;
  });
  beforeEach(() => slack.reset());
  afterAll(async () => {
    await slack.close();
    await new Promise((resolve) => refusing.close(resolve));
  });

  it('posts the message as JSON to the response_url', async () => {
    await responder(slack.responseUrl('r1'))({ response_type: 'ephemeral', replace_original: false, text: 'Saved', blocks: [] });
    const posted = slack.responses().find((p) => p.id === 'r1');
    expect(posted?.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Saved', blocks: [] });
  });

  it('rejects with the status when Slack refuses the answer', async () => {
    await expect(responder(refusedUrl)({ text: 'Saved' })).rejects.toEqual(new ResponseUrlError(404));
  });

  it('answers by DM when the response_url is refused', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    const messenger = createSlackMessenger(client);
    const reply = { kind: 'message' as const, message: { text: 'Your progress', blocks: [] } };
    await deliverReply(reply, { client, logger: createLogger('silent'), userId: 'U1', respond: responder(refusedUrl), openDm: (userId) => messenger.openDm([userId]) });
    const post = slack.calls('chat.postMessage')[0];
    expect(post?.args.channel).toBe('DU1');
    expect(post?.args.text).toBe('Your progress');
  });
});
