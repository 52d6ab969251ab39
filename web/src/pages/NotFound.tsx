/**
 * The page for anything that does not exist, or is not the viewer's to see (the same words for both, so it
 * tells nothing about private communities): friendly, with what to try next.
 */
import { useI18n } from '../i18n';

export default function NotFound(_props: Record<string, never>) {
  const { t } = useI18n();
  return (
    <section class="error-page">
      <h1>{t('error.notFoundTitle')}</h1>
      <p class="lede">{t('error.notFound')}</p>
      <ul class="error-tips">
        <li>{t('error.tipAddress')}</li>
        <li>{t('error.tipPrivate')}</li>
      </ul>
      <p class="actions">
        <a class="button" href="/">
          {t('nav.communities')}
        </a>
      </p>
    </section>
  );
}
