// The page for a hash route the UI does not know.
import { hrefFor } from '../routes.js';

export function NotFoundPage() {
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>
        This address does not name a page. <a href={hrefFor({ page: 'use-cases' })}>Go to the use cases</a>.
      </p>
    </section>
  );
}
