// The calls of the Data, trace and labeling pages: datasets, sensors, binary traces (decoded) and labels.
import {
  decodeTrace,
  type DatasetVersion,
  type Label,
  type LabelList,
  type RetractLabelResponse,
  type Sensor,
  type SensorList,
  type SensorTrace,
} from '@shopfloor/contracts';
import type { ApiClient } from './api.js';
import type { TimeWindow } from './trace-window.js';

const enc = encodeURIComponent;

export function listDatasets(api: ApiClient, signal?: AbortSignal): Promise<DatasetVersion[]> {
  return api.call<DatasetVersion[]>('GET', '/datasets', undefined, signal);
}

export async function listSensors(api: ApiClient, signal?: AbortSignal): Promise<Sensor[]> {
  return (await api.call<SensorList>('GET', '/sensors', undefined, signal)).sensors;
}

export interface TraceRequest {
  /** Absent: the sensor's whole stored range. */
  window?: TimeWindow;
  /** Pixel columns. */
  width: number;
  /** Run the trust checks too (slow on a long window: the view asks once, for the whole range). */
  findings: boolean;
}

export async function fetchTrace(api: ApiClient, sensor: string, request: TraceRequest, signal?: AbortSignal): Promise<SensorTrace> {
  const query = new URLSearchParams({ width: String(Math.max(1, Math.min(10_000, Math.round(request.width)))), findings: String(request.findings) });
  if (request.window !== undefined) {
    query.set('from', String(Math.floor(request.window.from)));
    query.set('to', String(Math.ceil(request.window.to)));
  }
  return decodeTrace(await api.bytes(`/sensors/${enc(sensor)}/trace?${query.toString()}`, signal));
}

export interface LabelDraft {
  asset: string;
  start: number;
  end: number | null;
  class: string;
  note: string;
}

/** Standing labels of one asset that touch the window (the server pages at 10,000; a trace window holds far fewer). */
export async function listLabels(api: ApiClient, useCaseId: string, asset: string, window: TimeWindow, signal?: AbortSignal): Promise<Label[]> {
  const query = new URLSearchParams({ asset, from: String(Math.floor(window.from)), to: String(Math.ceil(window.to)), limit: '10000' });
  return (await api.call<LabelList>('GET', `/use-cases/${enc(useCaseId)}/labels?${query.toString()}`, undefined, signal)).labels;
}

export async function createLabel(api: ApiClient, useCaseId: string, draft: LabelDraft): Promise<Label> {
  const res = await api.call<{ labels: Label[] }>('POST', `/use-cases/${enc(useCaseId)}/labels`, { label: draft });
  const label = res.labels[0];
  if (label === undefined) throw new Error('The server stored no label');
  return label;
}

/** An edit keeps history: the answer's `replacement` is the label as it now stands (a new id). */
export interface LabelChange {
  /** Epoch ms, or ISO 8601 with an offset as typed (the server refuses anything else, naming the field). */
  start?: number | string;
  end?: number | string | null;
  class?: string;
  note?: string;
}

export function updateLabel(api: ApiClient, useCaseId: string, labelId: string, change: LabelChange): Promise<RetractLabelResponse> {
  return api.call<RetractLabelResponse>('PATCH', `/use-cases/${enc(useCaseId)}/labels/${enc(labelId)}`, change);
}

export function deleteLabel(api: ApiClient, useCaseId: string, labelId: string): Promise<RetractLabelResponse> {
  return api.call<RetractLabelResponse>('DELETE', `/use-cases/${enc(useCaseId)}/labels/${enc(labelId)}`);
}
