/** The directory: communities the viewer can see, what each is about, its size and how lively its last week was. */
import { FeaturedPrompt, type FeaturedPromptProps } from '../components/FeaturedPrompt';
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
  /** Today's prompt of the liveliest public community, answerable here; null when there is none today. */
  featured?: FeaturedPromptProps | null;
  /** Public communities a steward pinned as examples for the network (issue 14). */
  showcase: { slug: string; name: string; description: string }[];
}

export default function Communities({ communities, signedIn, featured: today, showcase }: CommunitiesProps) {
  const { t, lang } = useI18n();
  const startHref = signedIn ? '/communities/new' : `/sign-in?next=${encodeURIComponent('/communities/new')}`;
  // One clear first step: the liveliest public community's prompt of the day, or, on an empty site, starting one.
  const featured = communities
    .filter((c) => c.visibility === 'public')
    .reduce<CommunitiesProps['communities'][number] | undefined>((best, c) => (!best || c.answersLast7Days > best.answersLast7Days ? c : best), undefined);
  return (
    <>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p class="hero-text">{t('home.explain')}</p>
        <p class="hero-action">
          {featured ? (
            <a class="button" href={today ? '#featured-title' : `/c/${featured.slug}`}>
              {t('home.tryPrompt', { name: featured.name })}
            </a>
          ) : (
            <a class="button" href={startHref}>
              {t('newCommunity.start')}
            </a>
          )}
        </p>
      </section>
      {today && <FeaturedPrompt {...today} />}
      {showcase.length > 0 && (
        <section class="showcase" aria-labelledby="showcase-heading">
          <h2 id="showcase-heading">{t('showcase.title')}</h2>
          <p class="hint">{t('showcase.intro')}</p>
          <ul class="showcase-list">
            {showcase.map((c) => (
              <li key={c.slug} class="card">
                <a href={`/c/${c.slug}`}>{c.name}</a>
                {c.description && <p class="community-about">{c.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 id="communities">{t('communities.title')}</h2>
      {communities.length === 0 ? (
        <div class="empty">
          <p>{t('home.emptyWhat')}</p>
          <p>{t('home.emptyHow')}</p>
        </div>
      ) : (
        <ul class="cards" aria-labelledby="communities">
          {communities.map((c) => (
            <li key={c.slug} class="card community-card">
              <h3 class="community-name">
                <a href={`/c/${c.slug}`}>{c.name}</a>
              </h3>
              {c.description && <p class="community-about">{c.description}</p>}
              <p class="community-facts muted">
                <span>{c.visibility === 'private' ? t('communities.private') : t('communities.public')}</span>
                <span>{plural(t, lang, 'directory.members', c.memberCount)}</span>
              </p>
              <p class={c.answersLast7Days === 0 ? 'community-activity muted' : 'community-activity lively'}>
                {c.answersLast7Days === 0
                  ? t('directory.quietWeek')
                  : plural(t, lang, 'directory.answersWeek', c.answersLast7Days, {
                      people: plural(t, lang, 'directory.people', c.activeMembersLast7Days),
                    })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {featured && (
        <p class="actions">
          <a class="button secondary" href={startHref}>
            {t('newCommunity.start')}
          </a>
        </p>
      )}
    </>
  );
}
