/**
 * Deleting one's account: what goes and what stays, then a form that asks for the phrase or the email (a plain
 * form post, no JavaScript needed); and, once done, what was removed.
 */
import { useI18n } from '../i18n';
import { plural } from '../lib/words';

export interface ErasureCounts {
  namedAnswersDeleted: number;
  anonymousAnswersKept: number;
  imagesDeleted: number;
  kudosGivenDeleted: number;
  communitiesLeft: number;
}

export type DeleteAccountProps =
  | { state: 'confirm'; error: 'confirmInvalid' | 'lastFacilitator' | null }
  | { state: 'done'; counts: ErasureCounts };

export default function DeleteAccount(props: DeleteAccountProps) {
  const { t, lang } = useI18n();
  if (props.state === 'done') {
    const c = props.counts;
    return (
      <>
        <h1>{t('dataRights.deleted.title')}</h1>
        <p>{t('dataRights.deleted.signedOut')}</p>
        <ul class="plain-list">
          <li>{plural(t, lang, 'dataRights.deleted.answers', c.namedAnswersDeleted)}</li>
          <li>{plural(t, lang, 'dataRights.deleted.images', c.imagesDeleted)}</li>
          <li>{plural(t, lang, 'dataRights.deleted.kudos', c.kudosGivenDeleted)}</li>
          <li>{plural(t, lang, 'dataRights.deleted.communities', c.communitiesLeft)}</li>
          <li>{plural(t, lang, 'dataRights.deleted.kept', c.anonymousAnswersKept)}</li>
        </ul>
        <p>
          <a href="/">{t('nav.communities')}</a>
        </p>
      </>
    );
  }
  const error = props.error === null ? null : t(props.error === 'confirmInvalid' ? 'dataRights.delete.confirmInvalid' : 'dataRights.delete.lastFacilitator');
  return (
    <>
      <h1>{t('dataRights.delete.title')}</h1>
      <p class="lede">{t('dataRights.delete.intro')}</p>
      <p>
        <a class="button secondary" href="/api/me/export" download>
          {t('dataRights.download')}
        </a>
      </p>
      <h2>{t('dataRights.delete.removedHeading')}</h2>
      <ul>
        <li>{t('dataRights.delete.removed.account')}</li>
        <li>{t('dataRights.delete.removed.answers')}</li>
        <li>{t('dataRights.delete.removed.traces')}</li>
      </ul>
      <h2>{t('dataRights.delete.keptHeading')}</h2>
      <ul>
        <li>{t('dataRights.delete.kept.anonymous')}</li>
        <li>{t('dataRights.delete.kept.series')}</li>
      </ul>
      <form class="card" method="post" action="/me/delete">
        <label for="erase-confirm">{t('dataRights.delete.confirmLabel')}</label>
        <input
          type="text"
          id="erase-confirm"
          name="confirm"
          required
          maxLength={320}
          autocomplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'erase-error' : undefined}
        />
        {error && (
          <p class="status error" id="erase-error" role="alert">
            {error}
          </p>
        )}
        <p class="form-actions">
          <button type="submit" class="danger">
            {t('dataRights.delete.submit')}
          </button>
          <a href="/me">{t('dataRights.delete.cancel')}</a>
        </p>
      </form>
    </>
  );
}
