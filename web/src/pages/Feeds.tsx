/**
 * Following a community from a feed reader or a calendar app. Public communities have open links; a member can
 * also get private links (which add answers shared with the community). Private links are shown once, right
 * after they are made: only their hash is kept. A plain form POST, so it works without JavaScript.
 */
import { Fragment } from 'preact';
import { useI18n } from '../i18n';

export interface FeedLinks {
  prompts: string;
  gallery: string;
  calendar: string;
}

export interface FeedsProps {
  community: { slug: string; name: string };
  /** Absolute links anyone may use; null for a private community, whose feeds are private links only. */
  publicLinks: FeedLinks | null;
  /** The viewer may make private links (members only). */
  canMakeSecret: boolean;
  /** Set only on the page that answers the POST that made them. */
  secretLinks: FeedLinks | null;
}

function LinkList({ links }: { links: FeedLinks }) {
  const { t } = useI18n();
  const rows = [
    ['feeds.prompts', links.prompts],
    ['feeds.gallery', links.gallery],
    ['feeds.calendar', links.calendar],
  ] as const;
  return (
    <dl class="feed-links">
      {rows.map(([label, url]) => (
        <Fragment key={label}>
          <dt>{t(label)}</dt>
          <dd>
            <input type="text" readOnly value={url} aria-label={t(label)} size={60} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

export default function Feeds({ community, publicLinks, canMakeSecret, secretLinks }: FeedsProps) {
  const { t } = useI18n();
  const base = `/c/${encodeURIComponent(community.slug)}`;
  return (
    <>
      <h1>{t('feeds.title', { community: community.name })}</h1>
      <p class="lede">{t('feeds.intro')}</p>
      {publicLinks && (
        <section>
          <h2>{t('feeds.publicHeading')}</h2>
          <LinkList links={publicLinks} />
        </section>
      )}
      {canMakeSecret && (
        <section>
          <h2>{t('feeds.secretHeading')}</h2>
          <p>{publicLinks ? t('feeds.secretIntro') : t('feeds.secretPrivateIntro')}</p>
          {secretLinks && (
            <>
              <p class="status ok">{t('feeds.created')}</p>
              <LinkList links={secretLinks} />
            </>
          )}
          <form method="post" action={`${base}/feeds`}>
            <button type="submit">{secretLinks ? t('feeds.newLinks') : t('feeds.getLinks')}</button>
          </form>
        </section>
      )}
      <p>
        <a href={base}>{t('join.goToday')}</a>
      </p>
    </>
  );
}
