// In-memory Messengers for scheduler tests: each send is recorded with the platform, the target, the
// message and the (test) clock's time; failures can be scripted per call.
import type { Clock } from '../../src/core/context.js';
import type { ChannelTarget, DirectTarget, Messenger, Sent } from '../../src/core/delivery.js';
import type { Platform } from '../../src/core/domain/enums.js';
import type { Message } from '../../src/core/ui/message.js';

export interface RecordedSend {
  platform: Platform;
  /** The user id for a DM, the channel id for a channel post, the user ids joined by commas for a group DM. */
  target: string;
  direct: boolean;
  message: Message;
  at: string;
  messageId: string;
}

export interface RecordingMessenger extends Messenger {
  sent: RecordedSend[];
  /** The next sends throw these errors, in order (one per send). */
  failNext(...errors: Error[]): void;
  /** Milliseconds each send takes (real time). */
  delayMs: number;
}

let counter = 0;

export function recordingMessenger(platform: Platform, clock: Clock = { now: () => new Date() }): RecordingMessenger {
  const failures: Error[] = [];
  const messenger: RecordingMessenger = {
    platform,
    sent: [],
    delayMs: 0,
    failNext: (...errors) => void failures.push(...errors),
    async sendDirect(target: DirectTarget, message: Message): Promise<Sent> {
      return record(target.userId, true, message, target.dmChannelId ? undefined : `D-${target.userId}`);
    },
    async postToChannel(target: ChannelTarget, message: Message): Promise<Sent> {
      return record(target.channelId, false, message);
    },
  };
  // Like the real adapters: Slack opens group DMs, Teams has none.
  if (platform === 'SLACK') {
    messenger.sendGroup = (targets: DirectTarget[], message: Message) => record(targets.map((t) => t.userId).join(','), true, message);
  }
  async function record(target: string, direct: boolean, message: Message, dmChannelId?: string): Promise<Sent> {
    if (messenger.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, messenger.delayMs));
    const failure = failures.shift();
    if (failure) throw failure;
    const messageId = `${platform.toLowerCase()}-${++counter}`;
    messenger.sent.push({ platform, target, direct, message, at: clock.now().toISOString(), messageId });
    return { messageId, ...(dmChannelId ? { dmChannelId } : {}) };
  }
  return messenger;
}
