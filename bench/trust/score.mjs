// Scoring of bench:trust: injected faults against raised alarms (precision, recall per kind) and false alarms on clean data.

/** Detection windows in readings: an alarm of the fault's kind must be raised within W readings of its onset. */
export const WINDOWS = { out_of_range: 1, spike: 12, dropout: 5, relation: 5, stuck: 30, noise: 100, drift: 500 };

/** Issue code -> fault kind. */
export const KIND_OF_CODE = { OUT_OF_RANGE: 'out_of_range', STUCK: 'stuck', SPIKE: 'spike', DROPOUT: 'dropout', NOISE_CHANGE: 'noise', DRIFT: 'drift', RELATION: 'relation' };

/**
 * faults: [{ kind, sensor, onset, end }] (epoch ms); alarms: [{ sensor, code, at }] (at = when raised);
 * period: ms per reading. An event is detected when an alarm of its kind on its sensor is raised in
 * [onset, onset + W periods]. An alarm is true when it is raised on the same sensor in [onset, max(end,
 * onset + W periods)] of a fault of its kind; any other alarm (on clean readings, or of another kind
 * than the fault it sits in) counts against precision. Returns per-kind tallies to add up across runs.
 */
export function scoreRun(faults, alarms, period) {
  const tally = {};
  const t = (k) => (tally[k] ??= { events: 0, detected: 0, alarms: 0, trueAlarms: 0, latencies: [] });
  const byKey = new Map();
  for (const f of faults) {
    const key = `${f.sensor}|${f.kind}`;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push({ ...f, first: Infinity });
    t(f.kind).events++;
  }
  for (const a of alarms) {
    const kind = KIND_OF_CODE[a.code];
    const rec = t(kind);
    rec.alarms++;
    const w = WINDOWS[kind] * period;
    const hit = (byKey.get(`${a.sensor}|${kind}`) ?? []).find((f) => a.at >= f.onset && a.at <= Math.max(f.end, f.onset + w));
    if (!hit) continue;
    rec.trueAlarms++;
    if (a.at <= hit.onset + w) hit.first = Math.min(hit.first, a.at);
  }
  for (const list of byKey.values())
    for (const f of list)
      if (f.first !== Infinity) {
        t(f.kind).detected++;
        t(f.kind).latencies.push(Math.round((f.first - f.onset) / period));
      }
  return tally;
}

export function addTallies(into, tally) {
  for (const [k, r] of Object.entries(tally)) {
    const to = (into[k] ??= { events: 0, detected: 0, alarms: 0, trueAlarms: 0, latencies: [] });
    to.events += r.events;
    to.detected += r.detected;
    to.alarms += r.alarms;
    to.trueAlarms += r.trueAlarms;
    for (const l of r.latencies) to.latencies.push(l);
  }
  return into;
}

/** precision = true alarms / alarms (1 when there were none), recall = detected / events. */
export function rates(r) {
  return { precision: r.alarms ? r.trueAlarms / r.alarms : 1, recall: r.events ? r.detected / r.events : null };
}

/** The sensor with the most false alarms per 10,000 clean readings: counts[sensor] = { readings, alarms }. */
export function worstSensor(counts) {
  let worst = null;
  for (const [sensor, c] of Object.entries(counts)) {
    const per10k = (c.alarms / c.readings) * 10_000;
    if (!worst || per10k > worst.per10k) worst = { sensor, per10k, ...c };
  }
  return worst;
}
