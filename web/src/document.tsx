/** Server-side rendering of a whole HTML document around one page; the client hydrates it from the embedded data. */
import { renderToString } from 'preact-render-to-string';
import type { WebAssets } from './assets';
import { Shell, type ShellProps } from './components/Shell';
import { pages, type PageName, type PagePropsOf } from './pages';

export interface DocumentInput<N extends PageName> {
  page: N;
  props: PagePropsOf<N>;
  shell: ShellProps;
  title: string;
  /** The page's <meta name="description">: every page has one. */
  description: string;
  /** Absent when the web app was not built: pages still render and read fine without JavaScript. */
  assets?: WebAssets;
  /** Extra <meta> tags (Open Graph and the like), already escaped by the caller's use of attributes. */
  meta?: Record<string, string>;
  /** Feeds a feed reader or calendar app can find from the page: `<link rel="alternate">`. */
  feeds?: { type: string; title: string; href: string }[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON inside <script> must not be able to close the tag or open a comment. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function renderDocument<N extends PageName>(input: DocumentInput<N>): string {
  const Page = pages[input.page] as (props: PagePropsOf<N>) => preact.JSX.Element;
  const body = renderToString(
    <Shell shell={input.shell}>
      <Page {...input.props} />
    </Shell>,
  );
  const a = input.assets;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<meta name="description" content="${escapeHtml(input.description)}">`,
    // Served by the app (src/routes/web/app-icons.ts); the manifest lets a phone install the site.
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    '<link rel="apple-touch-icon" href="/favicon.svg">',
    '<link rel="manifest" href="/manifest.webmanifest">',
    // The browser's toolbar takes the page's own background in each theme.
    '<meta name="theme-color" content="#fbf6ef" media="(prefers-color-scheme: light)">',
    '<meta name="theme-color" content="#1b1512" media="(prefers-color-scheme: dark)">',
    ...Object.entries(input.meta ?? {}).map(
      ([property, content]) => `<meta property="${escapeHtml(property)}" content="${escapeHtml(content)}">`,
    ),
    ...(input.feeds ?? []).map(
      (f) => `<link rel="alternate" type="${escapeHtml(f.type)}" title="${escapeHtml(f.title)}" href="${escapeHtml(f.href)}">`,
    ),
    ...(a?.css ?? []).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...(a?.preload[input.page] ?? []).map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`),
  ];
  const scripts = a
    ? `<script type="application/json" id="page-data">${scriptJson({ page: input.page, props: input.props, shell: input.shell })}</script>` +
      `<script type="module" src="${escapeHtml(a.entry)}"></script>`
    : '';
  return `<!doctype html><html lang="${input.shell.lang}"><head>${head.join('')}</head><body><div id="app">${body}</div>${scripts}</body></html>`;
}
