// The ingest error codes are in the shared catalogue with the same status, and IngestError is a ShopfloorError.
import { ERROR_CATALOGUE, ShopfloorError } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { INGEST_ERROR_CODES, INGEST_ERRORS, IngestError } from './errors.js';

describe('ingest errors', () => {
  it('lists only codes of the shared catalogue, with the same HTTP status', () => {
    for (const code of INGEST_ERROR_CODES) {
      expect(ERROR_CATALOGUE[code]?.status, code).toBe(INGEST_ERRORS[code].status);
    }
  });

  it('throws ShopfloorErrors carrying code, status and details', () => {
    const e = new IngestError('DATASET_RAGGED_ROW', 'x.csv line 3: ...', { file: 'x.csv', line: 3 });
    expect(e).toBeInstanceOf(ShopfloorError);
    expect(e).toMatchObject({ code: 'DATASET_RAGGED_ROW', status: 400, details: { file: 'x.csv', line: 3 } });
  });
});
