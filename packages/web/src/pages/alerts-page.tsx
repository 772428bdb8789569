// `#/use-cases/{id}/alerts`: the alert list for the shift handover: what was raised, who acknowledged it, when, and what they did.
import { useEffect, useRef, useState } from 'react';
import type { Alert } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModelNav } from '../components/model-nav.js';
import { AcknowledgeDialog } from '../components/operator-actions.js';
import { formatDateTime } from '../format.js';
import { listAlerts, userNames } from '../operator-api.js';
import { usePoll } from '../operator-poll.js';
import { hrefFor } from '../routes.js';
import { useLoad } from '../use-load.js';

const ALERTS_POLL_MS = 5000;
type StateFilter = 'all' | Alert['state'];

export function AlertsPage({ useCaseId }: { useCaseId: string }) {
  const api = useApi();
  const [filter, setFilter] = useState<StateFilter>('all');
  const [acknowledging, setAcknowledging] = useState<Alert | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const names = useLoad((signal) => userNames(api, signal), [api]);
  // The Acknowledge button that opened the dialog goes once the alert is acknowledged: focus the outcome instead of the page.
  useEffect(() => {
    if (status !== null) statusRef.current?.focus();
  }, [status]);
  const alerts = usePoll((signal) => listAlerts(api, useCaseId, filter === 'all' ? { limit: 500 } : { state: filter, limit: 500 }, signal), [api, useCaseId, filter], ALERTS_POLL_MS);
  const who = (userId: string): string => (names.state === 'ready' ? (names.data.get(userId) ?? userId) : userId);

  return (
    <>
      <ModelNav useCaseId={useCaseId} current="alerts" />
      <article className="alerts-page" data-testid="alerts-page">
        <h1>Alerts</h1>
        <p className="hint">For the shift handover: every alert, newest first, with who acknowledged it and when. Refreshed every {ALERTS_POLL_MS / 1000} s.</p>
        <div className="operator-filter-form">
          <label htmlFor="alerts-state">Show</label>
          <select id="alerts-state" value={filter} onChange={(event) => setFilter(event.target.value as StateFilter)} data-testid="alerts-state">
            <option value="all">all alerts</option>
            <option value="open">open only</option>
            <option value="acknowledged">acknowledged only</option>
          </select>
        </div>
        <div role="status" tabIndex={-1} ref={statusRef} data-testid="alerts-status">
          {status !== null && <p className="notice notice-ok">{status}</p>}
        </div>
        {alerts.error !== null && <ErrorNotice error={alerts.error} doing="Loading the alerts" testId="alerts-error" />}
        {alerts.data === null && alerts.error === null && <p aria-live="polite">Loading the alerts…</p>}
        {alerts.data !== null && alerts.data.length === 0 && <p data-testid="alerts-empty">No alerts.</p>}
        {alerts.data !== null && alerts.data.length > 0 && (
          <table className="data-table alerts-table" data-testid="alerts-table">
            <thead>
              <tr>
                <th scope="col">Raised</th>
                <th scope="col">Severity</th>
                <th scope="col">Asset</th>
                <th scope="col">What</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.map((alert) => (
                <tr key={alert.id} className={`alert-${alert.state}`} data-testid="alert-row" data-alert-id={alert.id} data-state={alert.state}>
                  <td>{formatDateTime(alert.at)}</td>
                  <td>
                    <span className={`badge badge-${alert.severity}`}>{alert.severity}</span> {alert.kind}
                  </td>
                  <td>
                    {alert.entity === null ? (
                      ''
                    ) : (
                      <a href={hrefFor({ page: 'operator', useCaseId, entity: alert.entity })}>{alert.entity}</a>
                    )}
                  </td>
                  <td>{alert.message}</td>
                  <td data-testid="alert-acknowledged">
                    {alert.acknowledged === null ? (
                      <button type="button" className="button-primary" onClick={() => setAcknowledging(alert)} data-testid="alert-acknowledge">
                        Acknowledge
                      </button>
                    ) : (
                      <>
                        by <strong>{who(alert.acknowledged.by)}</strong> at {formatDateTime(alert.acknowledged.at)}
                        {alert.acknowledged.note !== '' && <>: “{alert.acknowledged.note}”</>}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {acknowledging !== null && (
          <AcknowledgeDialog
            alert={acknowledging}
            onClose={() => setAcknowledging(null)}
            onDone={(message) => {
              setAcknowledging(null);
              setStatus(`${message} (${acknowledging.entity ?? acknowledging.kind}, raised ${formatDateTime(acknowledging.at)})`);
              alerts.refresh();
            }}
          />
        )}
      </article>
    </>
  );
}
