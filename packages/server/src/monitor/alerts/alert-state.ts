// Listing a use case's alerts and recording an operator's acknowledgement (with an audit entry, in one transaction).
import { ShopfloorError, type AcknowledgeAlertRequest, type Alert, type AlertList, type ListAlertsQuery, type User } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { newId, type AlertRecord, type Store } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';

export function presentAlert(a: AlertRecord): Alert {
  const { key: _key, ...rest } = a;
  return { ...rest, state: a.acknowledged === null ? 'open' : 'acknowledged' };
}

/** USE_CASE_NOT_FOUND. */
export async function listAlerts(store: Store, useCaseId: string, query: ListAlertsQuery): Promise<AlertList> {
  await loadUseCase(store, useCaseId);
  const alerts = await store.alerts.list({ useCaseId, state: query.state, from: query.from === undefined ? undefined : new Date(query.from).toISOString(), to: query.to === undefined ? undefined : new Date(query.to).toISOString(), limit: query.limit });
  return { alerts: alerts.map(presentAlert) };
}

/** ALERT_NOT_FOUND, ALERT_ALREADY_ACKNOWLEDGED (naming who and when). */
export async function acknowledgeAlert(deps: { store: Store; clock: Clock }, actor: User, alertId: string, req: AcknowledgeAlertRequest): Promise<Alert> {
  return deps.store.transaction(async (tx) => {
    const at = deps.clock.now().toISOString();
    const done = await tx.alerts.acknowledge(alertId, { at, by: actor.id, note: req.note });
    if (done === null) {
      const existing = await tx.alerts.get(alertId);
      if (existing === null) throw new ShopfloorError('ALERT_NOT_FOUND', `No alert has id "${alertId}"`, { alertId });
      const ack = existing.acknowledged!;
      throw new ShopfloorError('ALERT_ALREADY_ACKNOWLEDGED', `Alert "${alertId}" was acknowledged at ${ack.at} by ${ack.by}`, { alertId, acknowledgedAt: ack.at, acknowledgedBy: ack.by });
    }
    await tx.audit.append({ id: newId('aud'), at, userId: actor.id, action: 'alert.acknowledge', subject: `use-case:${done.useCaseId}`, details: { alertId, kind: done.kind, note: req.note } });
    return presentAlert(done);
  });
}
