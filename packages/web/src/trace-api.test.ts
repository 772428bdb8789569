// The trace page's calls: the binary trace decoded as the server encoded it, the window and width in the query, errors typed, label edits as PATCH/DELETE.
import { describe, expect, it } from 'vitest';
import { encodeTrace } from '@shopfloor/contracts';
import { ApiClient, ApiError } from './api.js';
import { deleteLabel, fetchTrace, updateLabel } from './trace-api.js';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function client(respond: () => Response, calls: Call[], unauthorized: string[] = []): ApiClient {
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return respond();
  };
  return new ApiClient({ token: 'tok-1', onUnauthorized: (m) => unauthorized.push(m), fetch: fetchImpl });
}

const bytes = encodeTrace({
  from: 1000,
  to: 4999,
  bucketMs: 1000,
  readings: 5,
  starts: [1000, 3000],
  min: [1.5, -2],
  max: [2.5, 7],
  count: [3, 2],
  trailer: { sensor: '<img src=x onerror=alert(1)>', unit: 'K', findings: null },
});

describe('trace calls', () => {
  it('asks for the window at the plot width and decodes the binary body', async () => {
    const calls: Call[] = [];
    const api = client(() => new Response(bytes.slice(), { status: 200, headers: { 'Content-Type': 'application/vnd.shopfloor.trace' } }), calls);
    const trace = await fetchTrace(api, '<img src=x onerror=alert(1)>', { window: { from: 1000.4, to: 4998.2 }, width: 1234.6, findings: false });
    expect(calls[0]?.url).toBe('/api/v1/sensors/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/trace?width=1235&findings=false&from=1000&to=4999');
    expect((calls[0]?.init?.headers as Record<string, string>)['Authorization']).toBe('Bearer tok-1');
    expect(Array.from(trace.starts)).toEqual([1000, 3000]);
    expect(Array.from(trace.max)).toEqual([2.5, 7]);
    expect(trace.trailer.sensor).toBe('<img src=x onerror=alert(1)>');
  });

  it('turns an error envelope into an ApiError, and a 401 into the sign-in hand-back', async () => {
    const envelope = { error: { code: 'SENSOR_TRACE_INVALID', message: 'from: not a time', details: { field: 'from' } } };
    const failing = client(() => new Response(JSON.stringify(envelope), { status: 400, headers: { 'Content-Type': 'application/json' } }), []);
    const error = await fetchTrace(failing, 's', { width: 10, findings: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'SENSOR_TRACE_INVALID', details: { field: 'from' } });
    const signedOut: string[] = [];
    const expired = client(() => new Response(JSON.stringify({ error: { code: 'AUTH_TOKEN_INVALID', message: 'revoked' } }), { status: 401 }), [], signedOut);
    await expect(fetchTrace(expired, 's', { width: 10, findings: true })).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toEqual(['revoked']);
  });

  it('refuses a body that is not a whole trace', async () => {
    const api = client(() => new Response(bytes.slice(0, 60), { status: 200 }), []);
    await expect(fetchTrace(api, 's', { width: 10, findings: true })).rejects.toThrow(/header .* says/);
  });

  it('edits a label with PATCH and deletes it with DELETE, ids escaped', async () => {
    const calls: Call[] = [];
    const api = client(() => new Response(JSON.stringify({ retracted: {}, replacement: null }), { status: 200 }), calls);
    await updateLabel(api, 'press failure', 'lbl/1', { note: 'checked', class: 'anomaly' });
    await deleteLabel(api, 'press failure', 'lbl/1');
    expect(calls.map((c) => [c.init?.method, c.url])).toEqual([
      ['PATCH', '/api/v1/use-cases/press%20failure/labels/lbl%2F1'],
      ['DELETE', '/api/v1/use-cases/press%20failure/labels/lbl%2F1'],
    ]);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ note: 'checked', class: 'anomaly' });
  });
});
