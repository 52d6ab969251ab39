/** The directory: communities the viewer can see, what each is about, its size and how lively its last week was. */
import { useI18n } from '../i18n';
import { plural } from '../lib/words';

export interface CommunitiesProps {
  communities: {
    slug: string;
    name: string;
    description: string;
    visibility: 'public' | 'private';
    memberCount: number;
    answersLast7Days: number;
    activeMembersLast7Days: number;
  }[];
  /** Signed-in members may start a community of their own. */
  signedIn: boolean;
}

export default function Communities({ communities, signedIn }: CommunitiesProps) {
  const { t, lang } = useI18n();
  return (
    <>
      <h1>{t('communities.title')}</h1>
      <p class="lede">{t('communities.intro')}</p>
      <p class="actions">
        <a class="button secondary" href={signedIn ? '/communities/new' : `/sign-in?next=${encodeURIComponent('/communities/new')}`}>
          {t('newCommunity.start')}
        </a>
      </p>
      {communities.length === 0 ? (
        <p>{t('communities.none')}</p>
      ) : (
        <ul class="cards">
          {communities.map((c) => (
            <li key={c.slug} class="card">
              <h2>
                <a href={`/c/${c.slug}`}>{c.name}</a>
              </h2>
              {c.description && <p>{c.description}</p>}
              <p class="muted">
                {[
                  c.visibility === 'private' ? t('communities.private') : t('communities.public'),
                  plural(t, lang, 'directory.members', c.memberCount),
                  c.answersLast7Days === 0
                    ? t('directory.quietWeek')
                    : plural(t, lang, 'directory.answersWeek', c.answersLast7Days, {
                        people: plural(t, lang, 'directory.people', c.activeMembersLast7Days),
                      }),
                ].join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
