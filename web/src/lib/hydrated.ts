import { useEffect, useState } from 'preact/hooks';

/**
 * False on the server and in the first client render (so hydration matches), true right after: parts that
 * only work with JavaScript (timer, sketch pad) appear then, and never as dead buttons in a page without it.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
