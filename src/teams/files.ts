// Files (exports) in Teams go through the file consent flow: the bot asks, the person accepts, Teams
// gives an upload URL in their OneDrive, the bot uploads and shows the file. Only in a personal chat.
import { t, type Locale } from '../core/i18n/translate.js';
import type { Activity } from 'botbuilder';
import type { TurnContext } from 'botbuilder';

/** Teams cards are small: larger files are not offered in chat (the CLI export has no limit). */
export const MAX_INLINE_FILE_BYTES = 16_000;

export interface FileConsentContext {
  filename: string;
  mimeType: string;
  content: string;
}

export function fileConsentActivity(file: FileConsentContext): Partial<Activity> {
  const size = Buffer.byteLength(file.content, 'utf8');
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.card.file.consent',
        name: file.filename,
        content: { description: `${file.filename} (${size} bytes)`, sizeInBytes: size, acceptContext: file, declineContext: { filename: file.filename } },
      },
    ],
  };
}

interface FileConsentResponse {
  action: 'accept' | 'decline';
  context?: Partial<FileConsentContext>;
  uploadInfo?: { name?: string; uploadUrl?: string; contentUrl?: string; uniqueId?: string; fileType?: string };
}

/** After "Allow": upload to the URL Teams gave, then show the file card in the chat. */
export async function uploadAcceptedFile(context: TurnContext, response: FileConsentResponse, locale: () => Promise<Locale>): Promise<void> {
  const file = response.context;
  const upload = response.uploadInfo;
  if (!file?.content || !upload?.uploadUrl) {
    await context.sendActivity({ type: 'message', text: t(await locale(), 'platform.teams.fileGone') });
    return;
  }
  const body = Buffer.from(file.content, 'utf8');
  const result = await fetch(upload.uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Length': String(body.length), 'Content-Range': `bytes 0-${body.length - 1}/${body.length}` },
    body,
  });
  if (!result.ok) {
    await context.sendActivity({ type: 'message', text: t(await locale(), 'platform.teams.uploadFailed') });
    return;
  }
  await context.sendActivity({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        contentUrl: upload.contentUrl,
        name: upload.name ?? file.filename,
        content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
      },
    ],
  });
}
