// The fetch client: bearer header, request bodies, the error envelope, and the 401 hand-back.
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, NetworkError } from './api.js';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: unknown, calls: Call[]): typeof fetch {
  return async (input, init) => {
    calls.push({ url: String(input), init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': 'application/json' } });
  };
}

function client(status: number, body: unknown, calls: Call[], unauthorized: string[] = []): ApiClient {
  return new ApiClient({ token: 'tok-1', onUnauthorized: (message) => unauthorized.push(message), fetch: fakeFetch(status, body, calls) });
}

describe('ApiClient', () => {
  it('sends the bearer token and asks for explanations when predicting', async () => {
    const calls: Call[] = [];
    const answer = { useCaseId: 'ai4i', predictions: [] };
    const result = await client(200, answer, calls).predictOne('ai4i', { 'Torque [Nm]': 40 }, { explain: true, topContributions: 8 });
    expect(result).toEqual(answer);
    expect(calls[0]?.url).toBe('/api/v1/use-cases/ai4i/predict');
    expect(calls[0]?.init?.method).toBe('POST');
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(headers['Authorization']).toBe('Bearer tok-1');
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ row: { 'Torque [Nm]': 40 }, explain: true, topContributions: 8 });
  });

  it('escapes use-case ids in the path', async () => {
    const calls: Call[] = [];
    await client(200, [], calls).listModels('a/b c');
    expect(calls[0]?.url).toBe('/api/v1/use-cases/a%2Fb%20c/models');
  });

  it('turns the error envelope into an ApiError with code, message and details', async () => {
    const envelope = { error: { code: 'PREDICT_FEATURE_MISSING', message: 'Row 0 lacks "Torque [Nm]"', details: { row: 0, feature: 'Torque [Nm]' } } };
    const failure = await client(400, envelope, []).predictOne('ai4i', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, code: 'PREDICT_FEATURE_MISSING', message: 'Row 0 lacks "Torque [Nm]"', details: { feature: 'Torque [Nm]' } });
  });

  it('hands the server message back on 401 so the token screen can show it', async () => {
    const unauthorized: string[] = [];
    const envelope = { error: { code: 'AUTH_TOKEN_INVALID', message: 'The token is unknown or revoked.', details: {} } };
    await expect(client(401, envelope, [], unauthorized).listUseCases()).rejects.toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    expect(unauthorized).toEqual(['The token is unknown or revoked.']);
  });

  it('does not call the 401 hook for a 403', async () => {
    const unauthorized: string[] = [];
    const envelope = { error: { code: 'AUTH_ROLE_TOO_WEAK', message: 'Needs operator.', details: {} } };
    await expect(client(403, envelope, [], unauthorized).predictOne('x', {})).rejects.toMatchObject({ status: 403 });
    expect(unauthorized).toEqual([]);
  });

  it('names the status when an error has no envelope', async () => {
    await expect(client(502, 'Bad gateway', []).listUseCases()).rejects.toMatchObject({ code: 'HTTP_502' });
  });

  it('reports an unreachable server as a NetworkError', async () => {
    const broken = new ApiClient({ token: 't', onUnauthorized: () => {}, fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await expect(broken.listUseCases()).rejects.toBeInstanceOf(NetworkError);
  });
});
