// Builds the UI to dist/ as plain static files (no runtime requests to anything but the gateway, same origin).
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', assetsInlineLimit: 0, sourcemap: false },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
