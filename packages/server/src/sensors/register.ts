// Registering sensors (new, or a changed spec as a new version; the old one kept) and listing them.
import type { RegisterSensorsRequest, RegisterSensorsResponse, Sensor, User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { newId, type SensorRecord, type Store } from '../store/index.js';

export interface SensorDeps {
  store: Store;
  clock: Clock;
}

function toSensor(r: SensorRecord): Sensor {
  return { spec: r.spec, version: r.version, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

/**
 * All or nothing, with one audit entry. A relation may name a sensor registered later: the trust report
 * checks it only when both sensors are in the report.
 */
export async function registerSensors(deps: SensorDeps, actor: User, request: RegisterSensorsRequest): Promise<RegisterSensorsResponse> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const out: RegisterSensorsResponse = { sensors: [], created: [], updated: [], unchanged: [] };
    const seen = new Set<string>();
    for (const spec of request.sensors) {
      if (seen.has(spec.id)) continue; // the last spec of an id sent twice wins below
      seen.add(spec.id);
      const last = [...request.sensors].reverse().find((s) => s.id === spec.id)!;
      const { record, change } = await tx.sensors.put(last, at, actor.id);
      out.sensors.push(toSensor(record));
      out[change].push(spec.id);
    }
    await tx.audit.append({
      id: newId('aud'),
      at,
      userId: actor.id,
      action: 'sensors.register',
      subject: 'sensors',
      details: { created: out.created, updated: out.updated, unchanged: out.unchanged.length },
    });
    return out;
  });
}

export async function listSensors(store: Store): Promise<Sensor[]> {
  return (await store.sensors.list()).map(toSensor);
}
