// The shell: token gate, header, and the page the hash route names.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api.js';
import { ApiContext } from './api-context.js';
import { clearToken, readToken, saveToken, takeTokenFromLocation } from './auth.js';
import { SiteHeader } from './components/site-header.js';
import { AlertsPage } from './pages/alerts-page.js';
import { DeploymentsPage } from './pages/deployments-page.js';
import { OperatorPage } from './pages/operator-page.js';
import { ReviewPage } from './pages/review-page.js';
import { DataPage } from './pages/data-page.js';
import { ModelsPage } from './pages/models-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { PlaygroundPage } from './pages/playground-page.js';
import { TokenScreen } from './pages/token-screen.js';
import { TracePage } from './pages/trace-page.js';
import { UseCaseList } from './pages/use-case-list.js';
import { UseCasePage } from './pages/use-case-page.js';
import { hrefFor, useRoute } from './routes.js';

export function App() {
  const [token, setToken] = useState<string | null>(() => takeTokenFromLocation() ?? readToken());
  const [authMessage, setAuthMessage] = useState<string | null>(null);
  const route = useRoute();

  // A `#token=...` link opened while the app is already open signs in with that token.
  useEffect(() => {
    const onHash = (): void => {
      const fromLink = takeTokenFromLocation();
      if (fromLink !== null) {
        setAuthMessage(null);
        setToken(fromLink);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const onUnauthorized = useCallback((message: string) => {
    clearToken();
    setAuthMessage(message);
    setToken(null);
  }, []);

  const client = useMemo(
    () => (token === null ? null : new ApiClient({ token, onUnauthorized })),
    [token, onUnauthorized],
  );

  if (client === null) {
    return (
      <TokenScreen
        message={authMessage}
        onToken={(pasted) => {
          saveToken(pasted);
          setAuthMessage(null);
          setToken(pasted);
        }}
      />
    );
  }

  const signOut = (): void => {
    clearToken();
    setAuthMessage(null);
    setToken(null);
  };

  return (
    <ApiContext.Provider value={client}>
      <SiteHeader onSignOut={signOut} />
      <main className="page">
        {route.page === 'use-cases' && <UseCaseList />}
        {route.page === 'use-case' && <UseCasePage key={route.useCaseId} useCaseId={route.useCaseId} />}
        {route.page === 'models' && <ModelsPage key={route.useCaseId} useCaseId={route.useCaseId} />}
        {route.page === 'playground' && <PlaygroundPage key={route.useCaseId} useCaseId={route.useCaseId} />}
        {route.page === 'data' && <DataPage />}
        {route.page === 'trace' && <TracePage key={hrefFor(route)} sensors={route.sensors} useCaseId={route.useCaseId} />}
        {route.page === 'operator' && <OperatorPage key={hrefFor(route)} useCaseId={route.useCaseId} entity={route.entity} />}
        {route.page === 'review' && <ReviewPage key={route.useCaseId} useCaseId={route.useCaseId} />}
        {route.page === 'deployments' && <DeploymentsPage key={route.useCaseId} useCaseId={route.useCaseId} />}
        {route.page === 'alerts' && <AlertsPage key={route.useCaseId} useCaseId={route.useCaseId} />}
        {route.page === 'not-found' && <NotFoundPage />}
      </main>
    </ApiContext.Provider>
  );
}
