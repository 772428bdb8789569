// The top bar: product name linking home, who is signed in, and a way to change the token.
import type { User } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { hrefFor } from '../routes.js';
import { useLoad } from '../use-load.js';

export function SiteHeader({ onSignOut }: { onSignOut: () => void }) {
  const api = useApi();
  // Who is signed in is a courtesy: a failure here (other than 401, handled by the client) is not shown.
  const me = useLoad<User>((signal) => api.me(signal), [api]);

  return (
    <header className="site-header">
      <a className="brand" href={hrefFor({ page: 'use-cases' })}>
        Shopfloor
      </a>
      <nav className="site-nav" aria-label="Main">
        <a href={hrefFor({ page: 'use-cases' })}>Use cases</a>
        <a href={hrefFor({ page: 'data' })} data-testid="nav-data">
          Data
        </a>
      </nav>
      <div className="site-header-user">
        {me.state === 'ready' && (
          <span data-testid="signed-in-user">
            {me.data.name} <span className="role">{me.data.role}</span>
          </span>
        )}
        <button type="button" className="button-quiet" onClick={onSignOut}>
          Change token
        </button>
      </div>
    </header>
  );
}
