/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the dashboard with hot reload and forwards API calls to a running gateway
// (`./start.sh`, or GATEWAY_URL for another one).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/ready', '/health', '/schema', '/metrics'].map((path) => [path, { target: gateway, changeOrigin: true }]),
    ),
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Typing simulation is slow on two shared cores; a stuck test still fails well before CI's limit.
    testTimeout: 30_000,
  },
});
