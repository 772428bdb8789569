// Test fixture: a tool-wear use case whose answers are known, trained through the real facade on a throwaway store.
import type { User } from '@shopfloor/contracts';
import { createUser } from '../access/index.js';
import { manualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createShopfloor, type Shopfloor } from '../shopfloor.js';
import { openTestStore, type Backend, type TestStore } from '../store/index.js';

/*
 * Every (wear, temperature) cell holds the same six rows: types H, L, M twice each. Failure is a pure
 * function of the cell: wear >= 160 or temperature <= 295 (cold starts crack the tool). So:
 *   Type     has no effect at all (every cell is balanced), so no decision can depend on it
 *   wear     raises the risk (trained with a monotonic constraint +1)
 *   temp     lowers the risk as it rises (it breaks "more temperature never lowers risk")
 * The split keys on `cell`, so train and benchmark both hold whole cells.
 */
export const WEARS = Array.from({ length: 13 }, (_, k) => k * 20);
export const TEMPS = [290, 295, 300, 305, 310, 315, 320];

export function failed(wear: number, temp: number): boolean {
  return wear >= 160 || temp <= 295;
}

export function wearCsv(): string {
  const lines = ['row,cell,Type,wear,temp,failure'];
  let row = 0;
  WEARS.forEach((wear, i) =>
    TEMPS.forEach((temp, j) => {
      for (const type of ['H', 'L', 'M', 'H', 'L', 'M']) lines.push([++row, i * TEMPS.length + j, type, wear, temp, failed(wear, temp) ? 1 : 0].join(','));
    }),
  );
  return `${lines.join('\n')}\n`;
}

export const WEAR_USE_CASE = {
  id: 'tool-wear',
  name: 'Tool wear failure',
  task: 'binary' as const,
  target: 'failure',
  features: [{ name: 'Type' }, { name: 'wear', unit: 'um' }, { name: 'temp', unit: 'K' }],
  split: { kind: 'key' as const, column: 'cell', modulo: 4, remainder: 0 },
  costs: { kind: 'binary' as const, currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' },
};

export interface WearFixture {
  t: TestStore;
  shopfloor: Shopfloor;
  engineer: User;
  datasetVersionId: string;
  cleanup(): Promise<void>;
}

/** A migrated store with the dataset imported and the use case created (no model yet). */
export async function openWearFixture(backend: Backend): Promise<WearFixture> {
  const t = await openTestStore(backend);
  const clock = manualClock('2024-05-01T06:00:00.000Z');
  const config = loadConfig({ SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_TIME_ZONE: 'UTC' });
  const shopfloor = createShopfloor({ store: t.store, config, clock });
  const engineer = await createUser({ store: t.store, clock }, { name: 'erin', role: 'engineer' });
  const { version } = await shopfloor.importDataset(engineer, Buffer.from(wearCsv()), { name: 'tool-wear', fileName: 'wear.csv' });
  await shopfloor.createUseCase(engineer, { ...WEAR_USE_CASE, datasetVersionId: version.id });
  return {
    t,
    shopfloor,
    engineer,
    datasetVersionId: version.id,
    async cleanup() {
      await shopfloor.close();
      await t.cleanup();
    },
  };
}
