// The HTTP client of the UI: bearer-token fetch against /api/v1, with typed errors for every failure.
import type {
  CompareRequest,
  Comparison,
  MetricsHistory,
  ModelCard,
  ModelEvaluation,
  RobustnessRecord,
  ErrorResponse,
  InputRow,
  ModelVersion,
  PredictResponse,
  UseCase,
  User,
} from '@shopfloor/contracts';

/** The server answered with an error envelope (or a status without one). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The server could not be reached, or answered something that is not JSON. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PredictOptions {
  explain?: boolean;
  topContributions?: number;
  /** Inputs (names or sensor ids) whose readings the server must not use: "what if this sensor fails". */
  untrustedSensors?: readonly string[];
}

export interface ApiClientOptions {
  token: string;
  /** Called with the server's message when it answers 401; the UI then asks for a token again. */
  onUnauthorized: (message: string) => void;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '/api/v1';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  me(signal?: AbortSignal): Promise<User> {
    return this.request<User>('GET', '/me', undefined, signal);
  }

  listUseCases(signal?: AbortSignal): Promise<UseCase[]> {
    return this.request<UseCase[]>('GET', '/use-cases', undefined, signal);
  }

  getUseCase(id: string, signal?: AbortSignal): Promise<UseCase> {
    return this.request<UseCase>('GET', `/use-cases/${encodeURIComponent(id)}`, undefined, signal);
  }

  listModels(useCaseId: string, signal?: AbortSignal): Promise<ModelVersion[]> {
    return this.request<ModelVersion[]>('GET', `/use-cases/${encodeURIComponent(useCaseId)}/models`, undefined, signal);
  }

  predictOne(useCaseId: string, row: InputRow, options: PredictOptions = {}, signal?: AbortSignal): Promise<PredictResponse> {
    const body = {
      row,
      explain: options.explain ?? false,
      topContributions: options.topContributions ?? 5,
      ...(options.untrustedSensors !== undefined && options.untrustedSensors.length > 0 ? { untrustedSensors: [...options.untrustedSensors] } : {}),
    };
    return this.request<PredictResponse>('POST', `/use-cases/${encodeURIComponent(useCaseId)}/predict`, body, signal);
  }

  modelCard(useCaseId: string, ref: string, signal?: AbortSignal): Promise<ModelCard> {
    return this.request<ModelCard>('GET', `${modelPath(useCaseId, ref)}/card`, undefined, signal);
  }

  modelEvaluation(useCaseId: string, ref: string, signal?: AbortSignal): Promise<ModelEvaluation> {
    return this.request<ModelEvaluation>('GET', `${modelPath(useCaseId, ref)}/evaluation`, undefined, signal);
  }

  robustness(useCaseId: string, ref: string, signal?: AbortSignal): Promise<RobustnessRecord> {
    return this.request<RobustnessRecord>('GET', `${modelPath(useCaseId, ref)}/robustness`, undefined, signal);
  }

  metricsHistory(useCaseId: string, signal?: AbortSignal): Promise<MetricsHistory> {
    return this.request<MetricsHistory>('GET', `/use-cases/${encodeURIComponent(useCaseId)}/metrics-history`, undefined, signal);
  }

  /** Changes nothing on the server: the versions side by side on the frozen sets. */
  compare(useCaseId: string, request: CompareRequest, signal?: AbortSignal): Promise<Comparison> {
    return this.request<Comparison>('POST', `/use-cases/${encodeURIComponent(useCaseId)}/compare`, request, signal);
  }

  /** A JSON call for pages that keep their typed wrappers beside them (trace-api.ts). */
  call<T>(method: HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>(method, path, body, signal);
  }

  /** A binary GET (the sensor trace): the body's bytes, or the same typed errors as a JSON call. */
  async bytes(path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, { headers: { Authorization: `Bearer ${this.options.token}` }, signal: signal ?? null });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new NetworkError(`The Shopfloor server cannot be reached (GET ${path}).`, { cause });
    }
    if (response.ok) return response.arrayBuffer();
    const error = toApiError(response.status, await readJson(response, 'GET', path));
    if (response.status === 401) this.options.onUnauthorized(error.message);
    throw error;
  }

  private async request<T>(method: HttpMethod, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.token}`,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new NetworkError(`The Shopfloor server cannot be reached (${method} ${path}).`, { cause });
    }
    const payload = await readJson(response, method, path);
    if (response.ok) return payload as T;
    const error = toApiError(response.status, payload);
    if (response.status === 401) this.options.onUnauthorized(error.message);
    throw error;
  }
}

async function readJson(response: Response, method: string, path: string): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) return undefined;
    throw new NetworkError(`The server answered ${method} ${path} with something that is not JSON.`);
  }
}

/** Reads the `{ error: { code, message, details } }` envelope; falls back to the status when there is none. */
export function toApiError(status: number, payload: unknown): ApiError {
  if (isErrorResponse(payload)) {
    const { code, message, details } = payload.error;
    return new ApiError(status, code, message, details ?? {});
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered with status ${status}.`);
}

function isErrorResponse(payload: unknown): payload is ErrorResponse {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const error = (payload as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function modelPath(useCaseId: string, ref: string): string {
  return `/use-cases/${encodeURIComponent(useCaseId)}/models/${encodeURIComponent(ref)}`;
}
