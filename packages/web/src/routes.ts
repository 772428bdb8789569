// Hash routes of the UI (`#/`, `#/use-cases/{id}`): parsing, links and a hook that follows the hash.
import { useEffect, useState } from 'react';
import { splitTokenFromHash } from './auth.js';

export type Route =
  | { page: 'use-cases' }
  | { page: 'use-case'; useCaseId: string }
  | { page: 'not-found'; hash: string };

/** A `token=` in the hash is sign-in, not part of the route (app.tsx takes it out of the URL). */
export function parseRoute(hash: string): Route {
  const path = splitTokenFromHash(hash).hash.replace(/^#/, '').split('?')[0] ?? '';
  if (path === '' || path === '/') return { page: 'use-cases' };
  const useCase = /^\/use-cases\/([^/]+)\/?$/.exec(path);
  if (useCase?.[1] !== undefined) {
    try {
      return { page: 'use-case', useCaseId: decodeURIComponent(useCase[1]) };
    } catch {
      return { page: 'not-found', hash };
    }
  }
  return { page: 'not-found', hash };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'use-cases':
      return '#/';
    case 'use-case':
      return `#/use-cases/${encodeURIComponent(route.useCaseId)}`;
    case 'not-found':
      return route.hash;
  }
}

/** The current route; re-renders when the hash changes (links, back button). */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
