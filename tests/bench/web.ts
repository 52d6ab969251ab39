/**
 * Web budgets: the gzipped JS and CSS a first visit to a page downloads, read from the Vite manifest of the
 * web build (dist/web): the entry with its static imports and CSS, plus the page's own chunk and imports.
 * Measured only when a build exists; the bench does not build it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export interface PageBudget {
  page: string;
  /** null when the build has no chunk for this page yet. */
  jsGzipKb: number | null;
  cssGzipKb: number | null;
  files: string[];
}

const BUILD = 'dist/web';
const pages = { today: 'src/pages/Today.tsx', gallery: 'src/pages/Gallery.tsx' };

/** The chunk and everything it imports statically, transitively (what loads before the page can run). */
function closure(manifest: Record<string, ManifestChunk>, key: string, into: Set<string>) {
  if (into.has(key) || !manifest[key]) return;
  into.add(key);
  for (const imported of manifest[key]!.imports ?? []) closure(manifest, imported, into);
}

export function measureWeb(root: string): { dir: string; pages: PageBudget[] } | null {
  const manifestPath = join(root, BUILD, '.vite/manifest.json');
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const gzipKb = (file: string) => gzipSync(readFileSync(join(root, BUILD, file)), { level: 9 }).length / 1024;
  const budgets = Object.entries(pages).map(([page, key]): PageBudget => {
    if (!entry || !manifest[key]) return { page, jsGzipKb: null, cssGzipKb: null, files: [] };
    const chunks = new Set<string>();
    closure(manifest, entry, chunks);
    closure(manifest, key, chunks);
    const js = [...chunks].map((k) => manifest[k]!.file);
    const css = [...new Set([...chunks].flatMap((k) => manifest[k]!.css ?? []))];
    const sum = (files: string[]) => files.reduce((n, f) => n + gzipKb(f), 0);
    return { page, jsGzipKb: sum(js), cssGzipKb: sum(css), files: [...js, ...css] };
  });
  return { dir: BUILD, pages: budgets };
}
