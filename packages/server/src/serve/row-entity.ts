// The asset a predicted row is about: the key of A/B stickiness and of the prediction log's entity column.
import type { InputRow } from '@shopfloor/contracts';

/** The row's entity: the request-level one when given, else the row's value in the use case's entity column, else null (no stickiness). */
export function rowEntity(useCase: { entityColumn?: string | undefined }, requestEntity: string | undefined, row: InputRow): string | null {
  if (requestEntity !== undefined) return requestEntity;
  const value = useCase.entityColumn === undefined ? undefined : row[useCase.entityColumn];
  return value === undefined || value === null ? null : String(value);
}
