// What a sink delivers: an alert as JSON, the same shape the HTTP API lists.
import type { AlertRecord } from '../../store/index.js';

export interface AlertMessage {
  id: string;
  useCaseId: string;
  kind: AlertRecord['kind'];
  severity: AlertRecord['severity'];
  at: string;
  entity: string | null;
  predictionId: string | null;
  modelVersionId: string | null;
  message: string;
  details: Record<string, unknown>;
}

export function alertMessage(alert: Omit<AlertRecord, 'acknowledged' | 'key'> & { key?: string }): AlertMessage {
  const { id, useCaseId, kind, severity, at, entity, predictionId, modelVersionId, message, details } = alert;
  return { id, useCaseId, kind, severity, at, entity, predictionId, modelVersionId, message, details };
}

/** A sink: one way alerts reach the line. send resolves once the far side took the message, and throws otherwise. */
export interface AlertSink {
  /** For logs and metrics: `webhook <url>` or `mqtt <broker>`. */
  readonly name: string;
  send(message: AlertMessage): Promise<void>;
  close(): Promise<void>;
}
