// Hands the signed-in API client to every page without threading it through props.
import { createContext, useContext } from 'react';
import type { ApiClient } from './api.js';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === null) throw new Error('useApi() needs an <ApiContext.Provider> above it (see app.tsx).');
  return client;
}
