/** The directory: communities the viewer can see, with today's prompt count. */
import { useI18n } from '../i18n';

export interface CommunitiesProps {
  communities: { slug: string; name: string; visibility: 'public' | 'private' }[];
}

export default function Communities({ communities }: CommunitiesProps) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('communities.title')}</h1>
      <p class="lede">{t('communities.intro')}</p>
      {communities.length === 0 ? (
        <p>{t('communities.none')}</p>
      ) : (
        <ul class="cards">
          {communities.map((c) => (
            <li key={c.slug} class="card">
              <h2>
                <a href={`/c/${c.slug}`}>{c.name}</a>
              </h2>
              <p class="muted">{c.visibility === 'private' ? t('communities.private') : t('communities.public')}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
