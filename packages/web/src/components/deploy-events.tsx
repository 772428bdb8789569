// The deployment's audit trail: every change (who, when, why), newest first.
import type { DeploymentEvents } from '@shopfloor/contracts';
import { formatDateTime } from '../format.js';

const ACTION_WORDS: Record<DeploymentEvents['events'][number]['action'], string> = {
  set: 'variants set',
  promote: 'promoted to champion',
  'promotion-requested': 'promotion requested',
  approve: 'promotion approved',
  rollback: 'rolled back',
  'canary-step': 'canary stepped up',
  'canary-rollback': 'canary rolled back',
  'canary-promote': 'canary promoted',
  'canary-hold': 'canary held',
};

export function DeployEvents({ events, who }: { events: DeploymentEvents; who: (userId: string | null) => string }) {
  return (
    <section className="panel" aria-labelledby="deploy-events-heading">
      <h2 id="deploy-events-heading">Changes</h2>
      {events.events.length === 0 ? (
        <p data-testid="deploy-no-events">No change since the first champion.</p>
      ) : (
        <table className="data-table deploy-table" data-testid="deploy-events">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Model</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {events.events.map((event) => (
              <tr key={event.id} data-testid="deploy-event" data-action={event.action}>
                <td>{formatDateTime(event.at)}</td>
                <td>{who(event.by)}</td>
                <td>{ACTION_WORDS[event.action]}</td>
                <td>{event.model === null ? '' : `v${event.model.version}`}</td>
                <td>{event.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
