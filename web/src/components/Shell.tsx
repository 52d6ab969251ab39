/** The frame around every page: skip link, header, language switch, main landmark. Same on server and client. */
import type { ComponentChildren } from 'preact';
import { I18n, translator, type Lang } from '../i18n';

export interface ShellProps {
  lang: Lang;
  /** steward: the viewer may open the network dashboard, so the menu links to it. */
  viewer: { name: string; steward?: boolean } | null;
  /** The current path, so the language switch can come back to it. */
  path: string;
}

export function Shell({ shell, children }: { shell: ShellProps; children: ComponentChildren }) {
  const t = translator(shell.lang);
  const other: Lang = shell.lang === 'en' ? 'fr' : 'en';
  return (
    <I18n.Provider value={{ lang: shell.lang, t }}>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="site">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <nav aria-label={t('app.name')}>
          <a href="/">{t('nav.communities')}</a>
          {shell.viewer?.steward ? <a href="/network">{t('nav.network')}</a> : null}
          {shell.viewer ? <a href="/me">{t('nav.profile')}</a> : <a href="/sign-in">{t('nav.signIn')}</a>}
          <a href={`/lang/${other}?next=${encodeURIComponent(shell.path)}`} hreflang={other} lang={other}>
            {other === 'fr' ? 'Français' : 'English'}
          </a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </I18n.Provider>
  );
}
