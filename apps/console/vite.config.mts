import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into dist/console, which the gateway serves at /console (apps/gateway/src/console/console-static.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // The contracts' constants (statuses, types) are plain TypeScript without dependencies: the console imports them, never a copy.
  resolve: { alias: { '@oms/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) } },
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)), emptyOutDir: true, sourcemap: true },
  oxc: { jsx: { runtime: 'automatic' } },
});
