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

const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><path fill='#8a3b12' d='M16 2c2 6 9 9 9 17a9 9 0 0 1-18 0c0-5 3-7 4-11 1 3 2 4 3 5 1-4 1-7 2-11z'/></svg>",
)}`;

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
    // An inline icon: no extra request, no 404 for /favicon.ico.
    `<link rel="icon" href="${FAVICON}">`,
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
