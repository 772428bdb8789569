// Column names from a header: unnamed columns get "column_N", two columns with one name are an error.
import { IngestError } from './errors.js';

/**
 * Names are used exactly as written (after trimming of unquoted header cells), case-sensitive,
 * because prediction requests use them as keys. An empty name (pandas writes one for its index)
 * becomes "column_N" with N the 1-based position.
 */
export function checkColumnNames(raw: readonly string[], fileName: string, where: string): string[] {
  const names = raw.map((name, k) => (name.trim() === '' ? `column_${k + 1}` : name));
  const seen = new Map<string, number>();
  names.forEach((name, k) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new IngestError(
        'DATASET_DUPLICATE_COLUMN',
        `${fileName} ${where}: columns ${earlier + 1} and ${k + 1} are both named ${JSON.stringify(name)}`,
        { file: fileName, columnName: name, column: k + 1, firstColumn: earlier + 1 },
      );
    }
    seen.set(name, k);
  });
  return names;
}
