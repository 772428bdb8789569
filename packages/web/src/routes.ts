// Hash routes of the UI (`#/`, `#/use-cases/{id}`): parsing, links and a hook that follows the hash.
import { useEffect, useState } from 'react';
import { splitTokenFromHash } from './auth.js';

export type Route =
  | { page: 'use-cases' }
  | { page: 'use-case'; useCaseId: string }
  | { page: 'models'; useCaseId: string }
  | { page: 'playground'; useCaseId: string }
  | { page: 'data' }
  | { page: 'trace'; sensors: string[]; useCaseId: string | null }
  | { page: 'operator'; useCaseId: string; entity: string | null }
  | { page: 'review' | 'deployments' | 'alerts'; useCaseId: string }
  | { page: 'not-found'; hash: string };

/** A `token=` in the hash is sign-in, not part of the route (app.tsx takes it out of the URL). */
export function parseRoute(hash: string): Route {
  const path = splitTokenFromHash(hash).hash.replace(/^#/, '').split('?')[0] ?? '';
  if (path === '' || path === '/') return { page: 'use-cases' };
  if (/^\/data\/?$/.test(path)) return { page: 'data' };
  if (/^\/data\/trace\/?$/.test(path)) {
    // `#/data/trace?sensor=a&sensor=b&useCase=x`: one parameter per channel, so an id may hold any character.
    const query = new URLSearchParams(splitTokenFromHash(hash).hash.split('?').slice(1).join('?'));
    const sensors = query.getAll('sensor').filter((s) => s !== '');
    return { page: 'trace', sensors, useCaseId: query.get('useCase') };
  }
  const operatorPage = parseOperatorRoute(hash, path);
  if (operatorPage !== null) return operatorPage;
  const useCasePage = /^\/use-cases\/([^/]+)\/(models|playground)\/?$/.exec(path);
  if (useCasePage?.[1] !== undefined && (useCasePage[2] === 'models' || useCasePage[2] === 'playground')) {
    try {
      return { page: useCasePage[2], useCaseId: decodeURIComponent(useCasePage[1]) };
    } catch {
      return { page: 'not-found', hash };
    }
  }
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
    case 'models':
    case 'playground':
      return `#/use-cases/${encodeURIComponent(route.useCaseId)}/${route.page}`;
    case 'data':
      return '#/data';
    case 'trace': {
      const query = new URLSearchParams(route.sensors.map((s) => ['sensor', s]));
      if (route.useCaseId !== null) query.set('useCase', route.useCaseId);
      return `#/data/trace?${query.toString()}`;
    }
    case 'operator': {
      const base = `#/use-cases/${encodeURIComponent(route.useCaseId)}/operator`;
      // Links built without an entity (the use case tabs) open every asset.
      return !route.entity ? base : `${base}?${new URLSearchParams({ entity: route.entity }).toString()}`;
    }
    case 'review':
    case 'deployments':
    case 'alerts':
      return `#/use-cases/${encodeURIComponent(route.useCaseId)}/${route.page}`;
    case 'not-found':
      return route.hash;
  }
}

/** `#/use-cases/{id}/operator[?entity=asset]`, `.../review`, `.../deployments`, `.../alerts` (WEB-OPS pages); null for any other path. */
function parseOperatorRoute(hash: string, path: string): Route | null {
  const match = /^\/use-cases\/([^/]+)\/(operator|review|deployments|alerts)\/?$/.exec(path);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  let useCaseId: string;
  try {
    useCaseId = decodeURIComponent(match[1]);
  } catch {
    return { page: 'not-found', hash };
  }
  if (match[2] !== 'operator') return { page: match[2] as 'review' | 'deployments' | 'alerts', useCaseId };
  const query = new URLSearchParams(splitTokenFromHash(hash).hash.split('?').slice(1).join('?'));
  const entity = query.get('entity');
  return { page: 'operator', useCaseId, entity: entity === null || entity === '' ? null : entity };
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
