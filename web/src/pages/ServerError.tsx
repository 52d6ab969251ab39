/**
 * The page for a failure on Kindling's side while reading a page (a 500): it says it is not the reader's
 * fault, that nothing they wrote is lost by reading, and offers to try again. Form posts and the API keep
 * answering with the error envelope.
 */
import { useI18n } from '../i18n';

export interface ServerErrorProps {
  /** The page that failed, to try again (a local path). */
  retry: string;
}

export default function ServerError({ retry }: ServerErrorProps) {
  const { t } = useI18n();
  return (
    <section class="error-page">
      <h1>{t('error.serverTitle')}</h1>
      <p class="lede">{t('error.server')}</p>
      <p class="actions">
        <a class="button" href={retry}>
          {t('error.retry')}
        </a>
        <a class="button secondary" href="/">
          {t('nav.communities')}
        </a>
      </p>
    </section>
  );
}
