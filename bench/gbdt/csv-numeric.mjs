// Streaming CSV reader for the benchmark: picked columns straight into a row-major Float64Array, no strings per cell.
import fs from 'node:fs';

const CHUNK_BYTES = 32 * 1024 * 1024;
const NL = 10;
const CR = 13;
// Exact powers of ten: m / POW10[k] is correctly rounded (same as Number()) while m < 2^53 and k <= 22.
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Reads `path` (header line first) and returns the requested columns.
 *   x:     columns of the matrix, in this order; values[i * x.length + j] = row i, column x[j]
 *   extra: columns returned as their own Float64Array (labels, ids)
 * A column is numeric unless it has `levels`: an array (code = index, anything else is an error) or
 * 'sorted' (codes follow the sorted distinct values seen, as pandas.Categorical does). Empty cell = NaN.
 * maxRows caps the data rows read; chunkBytes (default 32 MiB) is the read size (small in tests, to cut lines).
 * Errors name the file, the line and the column.
 * @param {string} path
 * @param {{ x: {name: string, levels?: string[] | 'sorted'}[], extra?: {name: string, levels?: string[] | 'sorted'}[], maxRows?: number, delimiter?: string, chunkBytes?: number }} spec
 */
export function readCsvColumns(path, spec) {
  const delimiter = (spec.delimiter ?? ',').charCodeAt(0);
  const maxRows = spec.maxRows ?? Infinity;
  const chunk = spec.chunkBytes ?? CHUNK_BYTES;
  const fd = fs.openSync(path, 'r');
  try {
    const { header, dataStart } = readHeader(fd, path, spec.delimiter ?? ',');
    const nRows = Math.min(maxRows, countLines(fd, dataStart, chunk));
    const plan = planColumns(header, spec, nRows, path);
    const rowsRead = parseRows(fd, dataStart, delimiter, nRows, plan, path, chunk);
    const p = plan.nX;
    const X = rowsRead === nRows ? plan.X : plan.X.slice(0, rowsRead * p);
    const extra = {};
    for (const e of plan.extraCols) extra[e.name] = rowsRead === nRows ? e.out : e.out.slice(0, rowsRead);
    const levels = finishLevels(plan, X, extra, rowsRead);
    return { X, nRows: rowsRead, nFeatures: p, extra, levels, header };
  } finally {
    fs.closeSync(fd);
  }
}

function readHeader(fd, path, delimiter) {
  const buf = Buffer.alloc(1 << 16);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  let end = buf.indexOf(NL);
  if (end < 0 || end >= n) throw new Error(`${path}: no header line (no newline in the first ${buf.length} bytes)`);
  let start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const lineEnd = end > start && buf[end - 1] === CR ? end - 1 : end;
  const header = buf.toString('utf8', start, lineEnd).split(delimiter);
  return { header, dataStart: end + 1 };
}

/** Data lines after the header: newlines counted, plus a last line without one; blank lines still count (trimmed later). */
function countLines(fd, start, chunk) {
  const buf = Buffer.allocUnsafe(chunk);
  let pos = start;
  let lines = 0;
  let last = NL;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    let i = buf.indexOf(NL, 0);
    while (i >= 0 && i < n) {
      lines++;
      i = buf.indexOf(NL, i + 1);
    }
    last = buf[n - 1];
    pos += n;
  }
  return last === NL ? lines : lines + 1;
}

// Column actions
const SKIP = 0;
const NUM_X = 1;
const CAT_X = 2;
const NUM_EXTRA = 3;
const CAT_EXTRA = 4;

function planColumns(header, spec, nRows, path) {
  const index = new Map(header.map((h, c) => [h, c]));
  const action = new Int32Array(header.length);
  const slot = new Int32Array(header.length);
  const codes = new Array(header.length).fill(null);
  const catState = [];
  const find = (col, what) => {
    const c = index.get(col.name);
    if (c === undefined) throw new Error(`${path}: ${what} column '${col.name}' is missing; header has ${header.join(', ')}`);
    if (action[c] !== SKIP) throw new Error(`${path}: column '${col.name}' requested twice`);
    return c;
  };
  const setCat = (c, col, where) => {
    const sorted = col.levels === 'sorted';
    const map = new Map(sorted ? [] : col.levels.map((l, k) => [l, k]));
    codes[c] = map;
    catState.push({ name: col.name, map, sorted, where });
  };
  spec.x.forEach((col, j) => {
    const c = find(col, 'feature');
    action[c] = col.levels ? CAT_X : NUM_X;
    slot[c] = j;
    if (col.levels) setCat(c, col, { x: j });
  });
  const extraCols = (spec.extra ?? []).map((col, k) => {
    const c = find(col, 'extra');
    action[c] = col.levels ? CAT_EXTRA : NUM_EXTRA;
    slot[c] = k;
    if (col.levels) setCat(c, col, { extra: col.name });
    return { name: col.name, out: new Float64Array(nRows) };
  });
  return { action, slot, codes, catState, nX: spec.x.length, X: new Float64Array(nRows * spec.x.length), extraCols, nCols: header.length };
}

/**
 * Parses data lines chunk by chunk; a line cut by the chunk end is carried to the next chunk.
 * Returns the number of rows stored (blank lines skipped).
 */
function parseRows(fd, start, delimiter, nRows, plan, path, chunk) {
  let buf = Buffer.allocUnsafe(chunk);
  let carry = 0;
  let pos = start;
  let row = 0;
  let line = 2; // file line number of the next line (header is line 1)
  for (;;) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, carry, buf.length - carry, pos);
    pos += n;
    const end = carry + n;
    const eof = n === 0;
    let s = 0;
    while (row < nRows) {
      let e = buf.indexOf(NL, s);
      if (e < 0 || e >= end) {
        if (!eof || s >= end) break;
        e = end; // last line without a newline
      }
      let le = e > s && buf[e - 1] === CR ? e - 1 : e;
      if (le > s) {
        parseLine(buf, s, le, delimiter, row, plan, path, line);
        row++;
      }
      line++;
      s = e + 1;
    }
    if (eof || row >= nRows) return row;
    carry = end - s;
    buf.copy(buf, 0, s, end);
  }
}

function parseLine(buf, s, e, delimiter, row, plan, path, line) {
  const { action, slot, codes, nX, X, extraCols, nCols } = plan;
  const xBase = row * nX;
  let c = 0;
  let fs0 = s;
  for (;;) {
    let fe = fs0;
    while (fe < e && buf[fe] !== delimiter) fe++;
    if (c >= nCols) throw new Error(`${path} line ${line}: more than ${nCols} fields`);
    const a = action[c];
    if (a === NUM_X) X[xBase + slot[c]] = parseNumber(buf, fs0, fe, path, line, c);
    else if (a === NUM_EXTRA) extraCols[slot[c]].out[row] = parseNumber(buf, fs0, fe, path, line, c);
    else if (a !== SKIP) {
      const v = categoryCode(buf, fs0, fe, codes[c], plan, c, path, line);
      if (a === CAT_X) X[xBase + slot[c]] = v;
      else extraCols[slot[c]].out[row] = v;
    }
    c++;
    if (fe >= e) break;
    fs0 = fe + 1;
  }
  if (c !== nCols) throw new Error(`${path} line ${line}: ${c} fields; the header has ${nCols}`);
}

/** Decimal number in buf[s, e); empty = NaN. Fast path for plain decimals, Number() for anything else. */
export function parseNumber(buf, s, e, path = '', line = 0, column = 0) {
  if (s === e) return NaN;
  let i = s;
  let neg = false;
  let ch = buf[i];
  if (ch === 45 || ch === 43) {
    neg = ch === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let seenDot = false;
  let any = false;
  for (; i < e; i++) {
    ch = buf[i];
    if (ch >= 48 && ch <= 57) {
      m = m * 10 + (ch - 48);
      any = true;
      if (m !== 0) digits++;
      if (seenDot) frac++;
    } else if (ch === 46 && !seenDot) seenDot = true;
    else break;
  }
  let exp = 0;
  if (i < e && any && (ch === 101 || ch === 69)) {
    i++;
    let eneg = false;
    if (i < e && (buf[i] === 45 || buf[i] === 43)) {
      eneg = buf[i] === 45;
      i++;
    }
    let ed = 0;
    for (; i < e && buf[i] >= 48 && buf[i] <= 57; i++, ed++) exp = exp * 10 + (buf[i] - 48);
    if (ed === 0) return slowNumber(buf, s, e, path, line, column);
    if (eneg) exp = -exp;
  }
  if (i !== e || !any || digits > 15) return slowNumber(buf, s, e, path, line, column);
  const p = exp - frac;
  let v;
  if (p === 0) v = m;
  else if (p > 0 && p <= 22) v = m * POW10[p];
  else if (p < 0 && p >= -22) v = m / POW10[-p];
  else return slowNumber(buf, s, e, path, line, column);
  return neg ? -v : v;
}

function slowNumber(buf, s, e, path, line, column) {
  const text = buf.toString('latin1', s, e).trim();
  const v = text === '' ? NaN : Number(text);
  if (Number.isNaN(v) && text !== '') throw new Error(`${path} line ${line}, column ${column + 1}: '${text}' is not a number`);
  return v;
}

function categoryCode(buf, s, e, map, plan, c, path, line) {
  if (s === e) return NaN;
  const text = buf.toString('utf8', s, e);
  const code = map.get(text);
  if (code !== undefined) return code;
  const state = plan.catState.find((st) => st.map === map);
  if (!state.sorted) throw new Error(`${path} line ${line}, column '${state.name}': unknown level '${text}'; expected one of ${[...map.keys()].join(', ')}`);
  map.set(text, map.size);
  return map.size - 1;
}

/** For 'sorted' levels: codes were given in order of first appearance; renumber them to sorted order. */
function finishLevels(plan, X, extra, nRows) {
  const levels = {};
  for (const st of plan.catState) {
    const names = [...st.map.keys()];
    if (!st.sorted) {
      levels[st.name] = names;
      continue;
    }
    const sorted = [...names].sort();
    const remap = Float64Array.from(names, (n) => sorted.indexOf(n));
    if (st.where.x !== undefined) {
      const p = plan.nX;
      for (let i = 0, o = st.where.x; i < nRows; i++, o += p) {
        const v = X[o];
        if (v === v) X[o] = remap[v];
      }
    } else {
      const out = extra[st.where.extra];
      for (let i = 0; i < nRows; i++) if (out[i] === out[i]) out[i] = remap[out[i]];
    }
    levels[st.name] = sorted;
  }
  return levels;
}
