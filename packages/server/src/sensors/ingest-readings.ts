// Stores a batch of readings: the per-row rules against the batch and the store, then the good rows in one transaction.
import { ShopfloorError, type ReadingsResult, type User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { loadTimeZone } from '../ingest/index.js';
import { newId, type Store } from '../store/index.js';
import { checkReadings, markStoredDuplicates, type CandidateReading } from './check-readings.js';
import type { LiveTrust } from './live-trust.js';

export interface ReadingsDeps {
  store: Store;
  clock: Clock;
  /** IANA zone that wall times without an offset are read in. */
  siteTimeZone: string;
  /** When set, the stored readings are fed to the live trust monitors after the commit. */
  live?: LiveTrust;
}

/** How many rejections an error or audit entry lists (the count is always complete). */
const LISTED_REJECTIONS = 100;

/**
 * Answers { accepted, rejected } with the good rows stored; READINGS_ALL_REJECTED (422, the rejections in
 * details) when no row is good. The checks against stored readings run inside the same transaction as
 * the insert, so two batches cannot both append the same time. Live trust sees the stored rows after
 * the commit (a failure there never fails the request: the readings are stored).
 */
export async function ingestReadings(deps: ReadingsDeps, actor: User, rows: readonly CandidateReading[], options: { source: string; decimal?: '.' | ',' }): Promise<ReadingsResult> {
  const zone = loadTimeZone(deps.siteTimeZone);
  if (rows.length === 0) throw new ShopfloorError('VALIDATION_FAILED', `${options.source}: there are no readings in it`, { source: options.source });
  const result = await deps.store.transaction(async (tx) => {
    const ids = [...new Set(rows.map((r) => r.sensor))];
    const known = new Set((await tx.sensors.list(ids)).map((s) => s.spec.id));
    const latest = await tx.readings.latest([...known]);
    const checked = checkReadings(rows, { known, zone, latest, ...(options.decimal === undefined ? {} : { decimal: options.decimal }) });
    const stored = new Map<string, Set<number>>();
    for (const sensor of new Set(checked.behindStored.map((b) => b.rejection.sensor))) {
      stored.set(sensor, await tx.readings.existing(sensor, checked.behindStored.filter((b) => b.rejection.sensor === sensor).map((b) => b.time)));
    }
    markStoredDuplicates(checked.behindStored, (sensor, time) => stored.get(sensor)?.has(time) === true);
    if (checked.accepted.length === 0) return { accepted: 0, rejected: checked.rejected, stored: [] };
    await tx.readings.insertMany(checked.accepted);
    await tx.audit.append({
      id: newId('aud'),
      at: deps.clock.now().toISOString(),
      userId: actor.id,
      action: 'readings.ingest',
      subject: options.source,
      details: { accepted: checked.accepted.length, rejected: checked.rejected.length, sensors: [...new Set(checked.accepted.map((r) => r.sensor))].slice(0, LISTED_REJECTIONS) },
    });
    return { accepted: checked.accepted.length, rejected: checked.rejected, stored: checked.accepted };
  });
  if (result.accepted === 0) {
    const first = result.rejected[0];
    throw new ShopfloorError(
      'READINGS_ALL_REJECTED',
      `All ${result.rejected.length} readings were refused${first === undefined ? '' : `; row ${first.row}: ${first.message}`}`,
      { rejectedCount: result.rejected.length, rejected: result.rejected.slice(0, LISTED_REJECTIONS) },
    );
  }
  if (deps.live !== undefined) await deps.live.observe(result.stored);
  return { accepted: result.accepted, rejected: result.rejected };
}
