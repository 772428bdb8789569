// The calls of the operator, review, deployments and alert pages: the prediction log and its feedback, alerts, sensor health, the deployment record.
import type {
  AcknowledgeAlertRequest,
  AliasesResponse,
  Alert,
  CanaryRunResponse,
  AlertList,
  Deployment,
  DeploymentEvents,
  DeploymentVerdict,
  LoggedPrediction,
  OverrideRequest,
  PredictionDetail,
  PredictionFeedback,
  PredictionPage,
  PromoteResponse,
  SensorHealthEntry,
  SetDeploymentRequest,
  User,
} from '@shopfloor/contracts';
import type { ApiClient } from './api.js';

const enc = encodeURIComponent;

export interface PredictionQuery {
  entity?: string;
  path?: LoggedPrediction['path'];
  flagged?: boolean;
  limit?: number;
}

export function listPredictions(api: ApiClient, useCaseId: string, query: PredictionQuery, signal?: AbortSignal): Promise<PredictionPage> {
  const params = new URLSearchParams();
  if (query.entity !== undefined && query.entity !== '') params.set('entity', query.entity);
  if (query.path !== undefined) params.set('path', query.path);
  if (query.flagged !== undefined) params.set('flagged', String(query.flagged));
  params.set('limit', String(query.limit ?? 50));
  return api.call<PredictionPage>('GET', `/use-cases/${enc(useCaseId)}/predictions?${params.toString()}`, undefined, signal);
}

export function getPrediction(api: ApiClient, predictionId: string, signal?: AbortSignal): Promise<PredictionDetail> {
  return api.call<PredictionDetail>('GET', `/predictions/${enc(predictionId)}`, undefined, signal);
}

export function sendVerdict(api: ApiClient, predictionId: string, verdict: 'right' | 'wrong', note: string): Promise<PredictionFeedback> {
  return api.call<PredictionFeedback>('POST', `/predictions/${enc(predictionId)}/feedback`, { verdict, note });
}

export function sendOutcome(api: ApiClient, predictionId: string, outcome: string | number, note: string): Promise<PredictionFeedback> {
  return api.call<PredictionFeedback>('POST', `/predictions/${enc(predictionId)}/outcome`, { outcome, note });
}

export function sendOverride(api: ApiClient, predictionId: string, request: OverrideRequest): Promise<PredictionFeedback> {
  return api.call<PredictionFeedback>('POST', `/predictions/${enc(predictionId)}/override`, request);
}

export interface AlertQuery {
  state?: Alert['state'];
  limit?: number;
}

export async function listAlerts(api: ApiClient, useCaseId: string, query: AlertQuery, signal?: AbortSignal): Promise<Alert[]> {
  const params = new URLSearchParams({ limit: String(query.limit ?? 100) });
  if (query.state !== undefined) params.set('state', query.state);
  return (await api.call<AlertList>('GET', `/use-cases/${enc(useCaseId)}/alerts?${params.toString()}`, undefined, signal)).alerts;
}

export function acknowledgeAlert(api: ApiClient, alertId: string, request: AcknowledgeAlertRequest): Promise<Alert> {
  return api.call<Alert>('POST', `/alerts/${enc(alertId)}/acknowledge`, request);
}

/** The sensors serving does not trust now; every other sensor is trusted. */
export async function sensorHealth(api: ApiClient, signal?: AbortSignal): Promise<SensorHealthEntry[]> {
  return (await api.call<{ sensors: SensorHealthEntry[] }>('GET', '/sensors/health', undefined, signal)).sensors;
}

const deploymentPath = (useCaseId: string): string => `/use-cases/${enc(useCaseId)}/deployment`;

export function getDeployment(api: ApiClient, useCaseId: string, signal?: AbortSignal): Promise<Deployment> {
  return api.call<Deployment>('GET', deploymentPath(useCaseId), undefined, signal);
}

export function setDeployment(api: ApiClient, useCaseId: string, request: SetDeploymentRequest): Promise<Deployment> {
  return api.call<Deployment>('PUT', deploymentPath(useCaseId), request);
}

export function promote(api: ApiClient, useCaseId: string, model: string, reason: string): Promise<PromoteResponse> {
  return api.call<PromoteResponse>('POST', `${deploymentPath(useCaseId)}/promote`, { model, reason });
}

export function approvePromotion(api: ApiClient, useCaseId: string, approvalId: string, reason: string): Promise<PromoteResponse> {
  return api.call<PromoteResponse>('POST', `${deploymentPath(useCaseId)}/approvals/${enc(approvalId)}/approve`, { reason });
}

export function rollback(api: ApiClient, useCaseId: string, reason: string): Promise<Deployment> {
  return api.call<Deployment>('POST', `${deploymentPath(useCaseId)}/rollback`, { reason });
}

/** Runs the canary controller now (it also runs on the server's timer): wait, advance, roll back, hold or promote. */
export function evaluateCanary(api: ApiClient, useCaseId: string): Promise<CanaryRunResponse> {
  return api.call<CanaryRunResponse>('POST', `${deploymentPath(useCaseId)}/canary/evaluate`);
}

export function deploymentEvents(api: ApiClient, useCaseId: string, signal?: AbortSignal): Promise<DeploymentEvents> {
  return api.call<DeploymentEvents>('GET', `${deploymentPath(useCaseId)}/events`, undefined, signal);
}

export function deploymentVerdict(api: ApiClient, useCaseId: string, model: string, signal?: AbortSignal): Promise<DeploymentVerdict> {
  return api.call<DeploymentVerdict>('GET', `${deploymentPath(useCaseId)}/verdict?model=${enc(model)}`, undefined, signal);
}

export function aliases(api: ApiClient, useCaseId: string, signal?: AbortSignal): Promise<AliasesResponse> {
  return api.call<AliasesResponse>('GET', `/use-cases/${enc(useCaseId)}/aliases`, undefined, signal);
}

/**
 * User ids to names for "who": only an admin may list users, so for anyone else (or on any failure)
 * the map is empty and the pages show the ids the server records.
 */
export async function userNames(api: ApiClient, signal?: AbortSignal): Promise<Map<string, string>> {
  try {
    const me = await api.me(signal);
    if (me.role !== 'admin') return new Map([[me.id, me.name]]);
    const { users } = await api.call<{ users: User[] }>('GET', '/users', undefined, signal);
    return new Map(users.map((user) => [user.id, user.name]));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return new Map();
  }
}
