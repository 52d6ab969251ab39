/** The page for anything that does not exist, or is not the viewer's to see (the same words for both). */
import { useI18n } from '../i18n';

export default function NotFound(_props: Record<string, never>) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFound')}</p>
      <p>
        <a href="/">{t('nav.communities')}</a>
      </p>
    </>
  );
}
