/**
 * A facilitator picks a series template (or a blank series). Each one opens the series editor filled with its
 * prompts, in the language chosen here, to edit before anything is created.
 */
import { useI18n } from '../i18n';
import { plural } from '../lib/words';

export interface TemplatePickerProps {
  community: { slug: string; name: string };
  /** forbidden: a signed-in non-facilitator of a public community (403); nothing else is shown. */
  state: 'list' | 'forbidden';
  /** The language of the templates' prompts. */
  templateLang: 'en' | 'fr';
  templates: { id: string; title: string; description: string; promptCount: number; cadence: 'daily' | 'weekdays' }[];
}

const LANG_NAMES = { en: 'English', fr: 'Français' } as const;

export default function TemplatePicker({ community, state, templateLang, templates }: TemplatePickerProps) {
  const { t, lang } = useI18n();
  const base = `/c/${encodeURIComponent(community.slug)}/series`;
  const heading = (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('templates.title')}</h1>
    </>
  );
  if (state === 'forbidden') {
    return (
      <>
        {heading}
        <p class="status error">{t('templates.forbidden')}</p>
      </>
    );
  }
  return (
    <>
      {heading}
      <p class="lede">{t('templates.intro')}</p>
      <nav aria-label={t('templates.language')}>
        <p>
          {t('templates.language')}:{' '}
          {(['en', 'fr'] as const).map((l, i) => (
            <span key={l}>
              {i > 0 && ' · '}
              {l === templateLang ? (
                <strong aria-current="true">{LANG_NAMES[l]}</strong>
              ) : (
                <a href={`${base}/templates?lang=${l}`} hreflang={l} lang={l}>
                  {LANG_NAMES[l]}
                </a>
              )}
            </span>
          ))}
        </p>
      </nav>
      <ul class="cards">
        {templates.map((tpl) => (
          <li key={tpl.id} class="card">
            <h2 lang={templateLang === lang ? undefined : templateLang}>{tpl.title}</h2>
            <p lang={templateLang === lang ? undefined : templateLang}>{tpl.description}</p>
            <p class="muted">
              {plural(t, lang, 'templates.prompts', tpl.promptCount)} ·{' '}
              {t(tpl.cadence === 'daily' ? 'series.cadence.daily' : 'series.cadence.weekdays')}
            </p>
            <p>
              <a class="button" href={`${base}/templates/${tpl.id}?lang=${templateLang}`}>
                {t('templates.use')}
                <span class="visually-hidden">: {tpl.title}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
      <p>
        <a href={`${base}/new`}>{t('templates.blank')}</a>
      </p>
    </>
  );
}
