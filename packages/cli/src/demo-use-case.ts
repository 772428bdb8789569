// The demo's machine-failure use case on the bundled AI4I 2020 milling data, with a plausible cost table in EUR.
import type { CreateUseCaseRequest, ImportDatasetQuery, InputRow } from '@shopfloor/contracts';

export const DEMO_USE_CASE_ID = 'machine-failure';

export const DEMO_DATASET_QUERY: ImportDatasetQuery = { name: 'ai4i2020', fileName: 'ai4i2020.csv', format: 'csv' };

/**
 * Costs per machine and prediction. A breakdown (a missed failure) costs 5,000 EUR in scrap, repair and
 * lost output; a true alarm turns it into a planned tool change, saving 4,000 of it (so it costs 1,000);
 * a false alarm stops a healthy machine for a needless check, 300 EUR of downtime.
 * The split is the benchmark's (../shared/bench/PEERS.md): test = UDI % 5 == 0.
 */
export function demoUseCase(datasetVersionId: string): CreateUseCaseRequest {
  return {
    id: DEMO_USE_CASE_ID,
    name: 'Machine failure (AI4I 2020 milling)',
    decision: 'Stop the machine for a planned tool change before it breaks down',
    task: 'binary',
    datasetVersionId,
    target: 'Machine failure',
    features: [
      { name: 'Air temperature [K]', unit: 'K' },
      { name: 'Process temperature [K]', unit: 'K' },
      { name: 'Rotational speed [rpm]', unit: 'rpm' },
      { name: 'Torque [Nm]', unit: 'Nm' },
      { name: 'Tool wear [min]', unit: 'min' },
      { name: 'Type' },
    ],
    entityColumn: 'UDI',
    split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
    costs: {
      kind: 'binary',
      currency: 'EUR',
      trueAlarmSaves: 4000,
      falseAlarmCosts: 300,
      missCosts: 5000,
      actionName: 'alarm',
    },
  };
}

/** UDI 70 of the bundled file, a held-out row (70 % 5 == 0) that failed: power and overstrain failure, high torque on a worn tool. */
export const DEMO_EXAMPLE_ROW: InputRow = {
  Type: 'L',
  'Air temperature [K]': 298.9,
  'Process temperature [K]': 309,
  'Rotational speed [rpm]': 1410,
  'Torque [Nm]': 65.7,
  'Tool wear [min]': 191,
};
