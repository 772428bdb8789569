// The two sensor datasets of bench:trust as runs of aligned series: AI4I (one run, rows in UDI order) and C-MAPSS FD001 (one run per engine).
import fs from 'node:fs';
import path from 'node:path';

const T0 = Date.UTC(2026, 0, 1);

/** AI4I 2020: the five sensors of the milling process, one row a minute (the file holds no times; UDI order is ours). */
export function loadAi4i(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  const col = (name) => {
    const c = header.indexOf(name);
    if (c < 0) throw new Error(`${file}: no column ${name}`);
    return c;
  };
  const period = 60_000;
  const defs = [
    { id: 'ai4i.air', column: 'Air temperature [K]', unit: 'K', min: 270, max: 330, resolution: 0.1 },
    { id: 'ai4i.process', column: 'Process temperature [K]', unit: 'K', min: 270, max: 340, resolution: 0.1, relation: { kind: 'greater-than', other: 'ai4i.air', margin: 5 } },
    { id: 'ai4i.speed', column: 'Rotational speed [rpm]', unit: 'rpm', min: 0, max: 4000, resolution: 1 },
    { id: 'ai4i.torque', column: 'Torque [Nm]', unit: 'Nm', min: 0, max: 150, resolution: 0.1 },
    { id: 'ai4i.tool-wear', column: 'Tool wear [min]', unit: 'min', min: 0, max: 300, resolution: 1, counterResets: true },
  ];
  const rows = lines.slice(1).map((l) => l.split(','));
  const times = Float64Array.from(rows, (_, i) => T0 + i * period);
  const sensors = defs.map((d) => {
    const c = col(d.column);
    const { column, ...spec } = d;
    return { spec: { ...spec, asset: 'ai4i-mill', samplePeriodMs: period }, values: Float64Array.from(rows, (r, i) => parseValue(r[c], file, i + 2, column)) };
  });
  return { name: 'ai4i', runs: [{ name: 'ai4i', times, sensors }], referenceRuns: (runs) => [{ ...runs[0], end: 5000 }] };
}

/** C-MAPSS FD001 training engines: the 14 sensors that vary, one reading per cycle (an hour, say), one run per engine. */
export function loadCmapss(dir) {
  const file = path.join(dir, 'train_FD001.txt');
  const rows = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => l.trim().split(/\s+/).map((x) => parseValue(x, file, i + 1, 'field')));
  const period = 3_600_000;
  const names = { 2: 'T24', 3: 'T30', 4: 'T50', 7: 'P30', 8: 'Nf', 9: 'Nc', 11: 'Ps30', 12: 'phi', 13: 'NRf', 14: 'NRc', 15: 'BPR', 17: 'htBleed', 20: 'W31', 21: 'W32' };
  const resolution = (s) => (s === 15 || s === 21 ? 0.0001 : s === 17 ? 1 : 0.01);
  const specs = Object.entries(names).map(([s, name]) => {
    const k = Number(s);
    const vals = rows.map((r) => r[4 + k]);
    const mid = vals.reduce((a, b) => a + b, 0) / vals.length;
    return { k, spec: { id: `fd001.${name}`, asset: 'engine', unit: '', min: round(mid * 0.8), max: round(mid * 1.2), resolution: resolution(k), samplePeriodMs: period, ...(name === 'T30' ? { relation: { kind: 'greater-than', other: 'fd001.T50', margin: 100 } } : {}) } };
  });
  const runs = [];
  for (let u = 1; ; u++) {
    const unit = rows.filter((r) => r[0] === u);
    if (unit.length === 0) break;
    const times = Float64Array.from(unit, (r) => T0 + (u * 1000 + r[1]) * period);
    runs.push({ name: `fd001-engine-${u}`, times, sensors: specs.map(({ k, spec }) => ({ spec: { ...spec, asset: `engine-${u}` }, values: Float64Array.from(unit, (r) => r[4 + k]) })) });
  }
  return { name: 'cmapss-fd001', runs, referenceRuns: (all) => all.slice(0, 30).map((r) => ({ ...r, end: r.times.length })) };
}

function round(x) {
  return Number(x.toPrecision(3));
}

function parseValue(text, file, line, column) {
  const v = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(v)) throw new Error(`${file}:${line}: ${column} is not a number (${text})`);
  return v;
}
