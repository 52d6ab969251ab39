import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { workersHeadersFile } from '../src/security-headers';

/** Below this a compressed copy saves less than a packet; the Node server's on-the-fly threshold is the same. */
const MIN_BYTES = 1024;
const TEXT = /\.(js|css|svg|json|html|txt|map)$/;

/**
 * Build step: a Brotli (.br) and a gzip (.gz) copy beside every text file of the client build, at the highest
 * levels (done once, so no request pays for it). The Node home serves them by Accept-Encoding; Workers
 * compress at the edge themselves, so `.assetsignore` keeps the copies out of the Workers upload.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'kindling-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!TEXT.test(name)) continue;
        const path = join(outDir, name);
        const bytes = readFileSync(path);
        if (bytes.length < MIN_BYTES) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
      writeFileSync(join(outDir, '.assetsignore'), '*.br\n*.gz\n');
      // Workers serve built files without running the app: `_headers` gives them the app's security headers
      // and a year of caching for the hashed ones (their default is max-age=0). Node ignores the file.
      writeFileSync(join(outDir, '_headers'), workersHeadersFile());
    },
  };
}

// The server renders every page; this build only produces the hydrating client and its CSS, with a
// manifest the server reads to link the right files.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    rollupOptions: { input: fileURLToPath(new URL('./src/main.tsx', import.meta.url)) },
  },
});
