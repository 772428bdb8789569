// Vite build of the operator UI into packages/web/dist, served by the Shopfloor server at '/'.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // `source` resolves workspace packages (@shopfloor/contracts) to their TypeScript, as tsc and vitest do.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    // `npx vite packages/web` during development talks to a running `shopfloor serve`.
    proxy: { '/api': process.env['SHOPFLOOR_API_URL'] ?? 'http://127.0.0.1:8080' },
  },
});
