/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './scripts/vite-csp.ts';

export default defineConfig({
  plugins: [react(), cspPlugin()],
  // maplibre-gl 6 ships ESM plus a separate worker file; pre-bundling it breaks the worker URL.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // maplibre-gl in its own chunk: it changes far less often than the app, so browsers keep it cached
    // across releases, and the bench can weigh app JS against maplibre's.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl/ }] } },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
});
