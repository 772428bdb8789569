// Rejects text files that are not UTF-8 (a Windows-1252 export would silently turn "°C" or "ä" into U+FFFD).
import { isUtf8 } from 'node:buffer';
import { IngestError } from './errors.js';

export function assertUtf8(bytes: Uint8Array, fileName: string): void {
  if (isUtf8(bytes)) return;
  const at = firstInvalidByte(bytes);
  let line = 1;
  for (let k = 0; k < at; k++) if (bytes[k] === 0x0a) line++;
  const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  throw new IngestError(
    'DATASET_CSV_MALFORMED',
    `${fileName} line ${line}: the file is not UTF-8 (byte 0x${hex} at offset ${at}); save it as "CSV UTF-8"`,
    { file: fileName, line, offset: at },
  );
}

/** Offset of the first byte that breaks UTF-8 (only called once isUtf8 said no). */
function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Walks sequence by sequence; it runs only on the error path, so speed does not matter.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    if (size > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + size));
      } catch {
        return i;
      }
    }
    i += size;
  }
  return bytes.length;
}
