// Why a file could not be read or written, in words an operator can act on (not a bare ENOENT).
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../core/domain/errors.js';
import { said, type Said } from '../core/i18n/translate.js';

export function fileErrorReason(error: unknown, path: string, writing = false): Said {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return writing ? said('cli.file.noFolder', { folder: dirname(path) }) : said('cli.file.noSuchFile');
    case 'EACCES':
    case 'EPERM':
      return said(writing ? 'cli.file.cannotWriteHere' : 'cli.file.cannotReadHere');
    case 'EISDIR':
      return said('cli.file.isFolder');
    case 'ENOTDIR':
      return said('cli.file.notFolder', { folder: dirname(path) });
    case 'ENOSPC':
      return said('cli.file.diskFull');
    case 'EROFS':
      return said('cli.file.readOnly');
    default:
      // The system's own words: there is nothing better to say about an error we do not know.
      return said('cli.file.other', { reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
  }
}

/** Writes an --out file; a failure says which file and why, e.g. a folder that does not exist. */
export async function writeOutFile(path: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, content, typeof content === 'string' ? 'utf8' : undefined);
  } catch (error) {
    throw new AppError('BAD_INPUT', said('cli.file.cannotWrite', { path, reason: fileErrorReason(error, path, true) }));
  }
}
