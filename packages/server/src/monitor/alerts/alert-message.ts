// What a sink delivers: an alert as JSON, the same shape the HTTP API lists.
import type { AlertRecord } from '../../store/index.js';

/** The alert as the HTTP API lists it, without its dedupe key and acknowledgement. */
export type AlertMessage = Omit<AlertRecord, 'acknowledged' | 'key'>;

export function alertMessage(alert: AlertMessage & { key?: string }): AlertMessage {
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
