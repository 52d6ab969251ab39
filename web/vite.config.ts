import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The server renders every page; this build only produces the hydrating client and its CSS, with a
// manifest the server reads to link the right files.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    rollupOptions: { input: fileURLToPath(new URL('./src/main.tsx', import.meta.url)) },
  },
});
