// Why a file could not be read or written, in words an operator can act on (not a bare ENOENT).
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export function fileErrorReason(error: unknown, path: string, writing = false): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return writing ? `the folder ${dirname(path)} does not exist (create it first, or choose another path)` : 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (check who may ${writing ? 'write to' : 'read'} it)`;
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return `a part of the path ${dirname(path)} is a file, not a folder`;
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

/** Writes an --out file; a failure says which file and why, e.g. a folder that does not exist. */
export async function writeOutFile(path: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, content, typeof content === 'string' ? 'utf8' : undefined);
  } catch (error) {
    throw new Error(`Cannot write ${path}: ${fileErrorReason(error, path, true)}`);
  }
}
