// The use case's own navigation: front page (money and the answer), models, playground; the current page is marked for screen readers.
import { hrefFor, type Route } from '../routes.js';

type UseCaseTab = 'use-case' | 'models' | 'playground' | 'operator' | 'review' | 'deployments' | 'alerts';

const TABS: { page: UseCaseTab; label: string }[] = [
  { page: 'use-case', label: 'Overview' },
  { page: 'models', label: 'Models' },
  { page: 'playground', label: 'Playground' },
  { page: 'operator', label: 'Operator' },
  { page: 'review', label: 'Review' },
  { page: 'deployments', label: 'Deployments' },
  { page: 'alerts', label: 'Alerts' },
];

export function ModelNav({ useCaseId, current }: { useCaseId: string; current: UseCaseTab }) {
  return (
    <nav className="use-case-nav" aria-label="Use case">
      <a href={hrefFor({ page: 'use-cases' })}>Use cases</a>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.page}>
            <a href={hrefFor({ page: tab.page, useCaseId } as Route)} aria-current={tab.page === current ? 'page' : undefined} data-testid={`nav-${tab.page}`}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
