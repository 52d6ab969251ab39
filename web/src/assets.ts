/** Which built files a page links, read from Vite's manifest (the same for Node and Workers). */
export interface WebAssets {
  /** The client entry script, e.g. /assets/main-abc123.js */
  entry: string;
  /** Stylesheets the entry imports. */
  css: string[];
  /** Chunks to preload per page source file (web/src/pages/X.tsx), so hydration needs no extra round trip. */
  preload: Record<string, string[]>;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

export function assetsFromManifest(manifest: Record<string, ManifestChunk>): WebAssets {
  const entry = Object.values(manifest).find((c) => c.isEntry);
  if (!entry) throw new Error('The web manifest has no entry: run the web build');
  const url = (file: string) => `/${file}`;
  const preload: Record<string, string[]> = {};
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!key.startsWith('src/pages/')) continue;
    // Walk static imports all the way down: a chunk's own imports would otherwise load one after another.
    const files = new Set<string>();
    const visit = (c: ManifestChunk | undefined) => {
      if (!c || files.has(c.file)) return;
      files.add(c.file);
      for (const imported of c.imports ?? []) visit(manifest[imported]);
    };
    visit(chunk);
    preload[key.slice('src/pages/'.length).replace(/\.tsx$/, '')] = [...files].map(url);
  }
  const css = new Set<string>(entry.css ?? []);
  for (const chunk of Object.values(manifest)) for (const file of chunk.css ?? []) css.add(file);
  return { entry: url(entry.file), css: [...css].map(url), preload };
}
