// The pure core of streaming scoring: the latest value of each input per entity, and when a row is complete, fresh and due.
import type { InputRow } from '@shopfloor/contracts';

export interface StreamPolicy {
  /** At most one row per entity per this much reading time (0: every completed or updated row). */
  intervalMs: number;
  /** Every input's latest reading at most this much older than the row's newest one. */
  maxAgeMs: number;
}

/** One input's latest reading on one entity, with the sensor that gave it (for the untrusted-sensor check). */
export interface InputSlot {
  value: number;
  time: number;
  sensor: string;
}

export interface AssembledRow {
  entity: string;
  /** The newest reading time among the row's inputs (epoch ms): the row's time. */
  time: number;
  row: InputRow;
  /** Input name -> the sensor its value came from. */
  sensors: Record<string, string>;
}

/*
 * Time here is reading time, never the wall clock: a replayed or late batch is judged by when the
 * readings were taken. Staleness and the interval are both measured back from the row's newest
 * reading, so a sensor that stopped reporting makes its entity's rows stale while the others go on:
 *
 *   torque  ──x─────────x──────────────  (stopped)
 *   speed   ──x──x──x──x──x──x──x──x──   row time = newest speed reading
 *                       |<- maxAgeMs ->|  torque older than this: no row
 */
export class RowAssembler {
  private readonly slots = new Map<string, Map<string, InputSlot>>();
  private readonly lastScored = new Map<string, number>();
  private readonly touched = new Set<string>();

  /** `inputs`: the inputs readings must fill; `constants` fill the rest of each row. */
  constructor(
    private readonly inputs: readonly string[],
    private readonly constants: Readonly<InputRow>,
    private readonly policy: StreamPolicy,
  ) {}

  /** Keeps the newest reading per entity and input (an older one arriving late changes nothing). */
  update(entity: string, input: string, slot: InputSlot): void {
    if (this.keep(entity, input, slot)) this.touched.add(entity);
  }

  /** As update, from stored readings at start-up: the value is known, but it alone never makes a row due. */
  seed(entity: string, input: string, slot: InputSlot): void {
    this.keep(entity, input, slot);
  }

  private keep(entity: string, input: string, slot: InputSlot): boolean {
    let bySlot = this.slots.get(entity);
    if (bySlot === undefined) this.slots.set(entity, (bySlot = new Map()));
    const current = bySlot.get(input);
    if (current !== undefined && current.time > slot.time) return false;
    bySlot.set(input, slot);
    return true;
  }

  /** The rows due among the entities updated since the last call; each one counts as scored. */
  take(): { rows: AssembledRow[]; stale: number; incomplete: number } {
    const out: AssembledRow[] = [];
    let stale = 0;
    let incomplete = 0;
    for (const entity of this.touched) {
      const bySlot = this.slots.get(entity)!;
      const slots = this.inputs.map((name) => bySlot.get(name));
      if (slots.some((s) => s === undefined)) {
        incomplete++;
        continue;
      }
      const filled = slots as InputSlot[];
      const time = Math.max(...filled.map((s) => s.time));
      if (filled.some((s) => time - s.time > this.policy.maxAgeMs)) {
        stale++;
        continue;
      }
      const last = this.lastScored.get(entity);
      if (last !== undefined && (time < last || time - last < this.policy.intervalMs)) continue;
      this.lastScored.set(entity, time);
      const row: InputRow = { ...this.constants };
      const sensors: Record<string, string> = {};
      this.inputs.forEach((name, i) => {
        row[name] = filled[i]!.value;
        sensors[name] = filled[i]!.sensor;
      });
      out.push({ entity, time, row, sensors });
    }
    this.touched.clear();
    return { rows: out, stale, incomplete };
  }
}
