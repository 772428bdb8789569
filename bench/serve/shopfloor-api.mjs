// The HTTP calls bench:serve makes to a running Shopfloor: the request bodies, a second version, the deployment, answer checks.
import fs from 'node:fs';

/** The use case's inputs in the bundled AI4I file, plus its entity column UDI (the machine a row is about). */
const COLUMNS = ['UDI', 'Type', 'Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]'];

/**
 * `count` held-out rows of the demo's machine-failure use case (UDI % 5 == 0, the demo's benchmark split),
 * each as a predict body { row } with its own UDI, so an A/B split sees `count` different machines.
 */
export function ai4iRows(csvPath, count) {
  const lines = fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const head = lines[0].split(',');
  const at = COLUMNS.map((c) => head.indexOf(c));
  if (at.some((i) => i < 0)) throw new Error(`${csvPath}: expected the AI4I columns ${COLUMNS.join(', ')}`);
  const rows = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const udi = Number(cells[at[0]]);
    if (udi % 5 !== 0) continue;
    const row = {};
    COLUMNS.forEach((c, k) => (row[c] = c === 'Type' ? cells[at[k]] : Number(cells[at[k]])));
    rows.push(row);
    if (rows.length === count) break;
  }
  return rows;
}

export function predictBodies(rows, { explain }) {
  return rows.map((row) => JSON.stringify(explain ? { row, explain: true, topContributions: 5 } : { row }));
}

/** One JSON call; resolves to { status, body } (body parsed when JSON, else the text). */
export async function call(sf, method, path, body) {
  const res = await fetch(`${sf.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${sf.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

export const errorText = (r) => `${r.status}${r.body?.error ? ` ${r.body.error.code}: ${r.body.error.message}` : ''}`;

export const deploymentPath = (sf) => `/api/v1/use-cases/${sf.useCaseId}/deployment`;

/** PUT the deployment; { ok } or { skip: reason } on 404 (the API is not in this build) or { error } on any other failure. */
export async function putDeployment(sf, variants) {
  const r = await call(sf, 'PUT', deploymentPath(sf), { variants, reason: 'bench' });
  if (r.status >= 200 && r.status < 300) return { ok: true, body: r.body };
  if (r.status === 404) return { skip: `PUT ${deploymentPath(sf)} answered ${errorText(r)}: the deployment API is not in this build` };
  return { error: `PUT ${deploymentPath(sf)} ${JSON.stringify({ variants })} answered ${errorText(r)}` };
}

/** Trains another version of the use case (fewer rounds, another seed); it does not become champion. */
export async function trainSecondVersion(sf) {
  const r = await call(sf, 'POST', `/api/v1/use-cases/${sf.useCaseId}/train`, { params: { maxIter: 100, seed: 7 } });
  if (r.status !== 201) throw new Error(`training a second version answered ${errorText(r)}`);
  return r.body;
}

/**
 * Sends each body once and checks the answers: every one 200 with one prediction; returns which versions
 * answered, whether answers carry a predictionId (the prediction log) and the contributions per answer.
 */
export async function checkAnswers(sf, bodies) {
  const versions = {};
  let withId = 0;
  let contributions = null;
  for (const b of bodies) {
    const r = await call(sf, 'POST', `/api/v1/use-cases/${sf.useCaseId}/predict`, JSON.parse(b));
    if (r.status !== 200) throw new Error(`predict answered ${errorText(r)} for ${b}`);
    const p = r.body.predictions?.[0];
    if (!p || r.body.predictions.length !== 1) throw new Error(`predict answered ${JSON.stringify(r.body).slice(0, 300)}: expected one prediction`);
    versions[`v${p.model.version}`] = (versions[`v${p.model.version}`] ?? 0) + 1;
    if (typeof p.predictionId === 'string') withId++;
    contributions = p.contributions?.length ?? 0;
  }
  return { answers: bodies.length, versions, withPredictionId: withId, contributions };
}
