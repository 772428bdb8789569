// The HTTP edge: createApp, startServer, and the helpers route files use.
export { createApp, createAppWithMetrics, type App } from './app.js';
export { startServer, type StartServerOptions, type StartedServer } from './start.js';
export { errorBody, type ErrorBody } from './error-handler.js';
export { errorResponses } from './routes/error-responses.js';
export { serverVersion } from './version.js';
export type { AppDeps, AppInstance, RouteAccess } from './types.js';
export { openTestApp, type TestApp } from './test-app.js';
