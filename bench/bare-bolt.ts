// The baseline for the acknowledgement benchmark: a bare Bolt app on an ExpressReceiver (same Bolt,
// same signature check, same express) whose only listener acknowledges every slash command. Whatever
// the real bot adds on top of this is the bot's own cost. Run as its own process by bench/run.ts.
import express from 'express';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';

const port = Number(process.env.PORT ?? 3000);
const receiver = new ExpressReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? 'bench-secret',
  endpoints: '/slack/events',
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  token: 'xoxb-bench-token',
  receiver,
  logLevel: LogLevel.ERROR,
  // No auth.test: this process talks to nobody.
  botId: 'BBARE',
  botUserId: 'UBARE',
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});

const server = express();
server.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
server.use(receiver.router);
const listening = server.listen(port, process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => listening.close(() => process.exit(0)));
