/** The 403 page of a public community's facilitator-only page (a private one answers 404: it does not exist). */
import { useI18n } from '../i18n';

export default function FacilitatorsOnly({ community }: { community: { slug: string; name: string } }) {
  const { t } = useI18n();
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('analytics.forbiddenTitle')}</h1>
      <p>{t('analytics.forbidden')}</p>
    </>
  );
}
