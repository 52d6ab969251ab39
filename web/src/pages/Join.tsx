/**
 * Joining a community: one button for a public one, an invite code for a private one. A plain form POST,
 * so it works without JavaScript. A private community's name is shown only to those who may see it.
 */
import { Field } from '../components/Field';
import { useI18n, type MessageKey } from '../i18n';

export interface JoinProps {
  slug: string;
  /** Null when the viewer may not see the community (private, or unknown): nothing about it is confirmed. */
  name: string | null;
  state: 'signIn' | 'form' | 'member';
  needsCode: boolean;
  inviteCode: string;
  error: MessageKey | null;
}

export default function Join({ slug, name, state, needsCode, inviteCode, error }: JoinProps) {
  const { t } = useI18n();
  const base = `/c/${encodeURIComponent(slug)}`;
  return (
    <>
      <h1>{name ? t('join.title', { community: name }) : t('join.privateTitle')}</h1>
      {state === 'member' && (
        <>
          <p class="status ok">{t('join.joined')}</p>
          <p>
            <a class="button" href={base}>
              {t('join.goToday')}
            </a>
          </p>
        </>
      )}
      {state === 'signIn' && (
        <p>
          {t('join.signInFirst')} <a href="/sign-in">{t('nav.signIn')}</a>
        </p>
      )}
      {state === 'form' && (
        <form method="post" action={`${base}/join`} class="narrow">
          <p>{needsCode ? t('join.privateIntro') : t('join.publicIntro')}</p>
          {needsCode && (
            <Field id="inviteCode" label={t('join.invite')} hint={t('join.inviteHint')} error={error ? t(error) : undefined}>
              {(aria) => (
                <input {...aria} type="text" name="inviteCode" required maxLength={64} autoComplete="off" value={inviteCode} />
              )}
            </Field>
          )}
          {!needsCode && error && <p class="field-error">{t(error)}</p>}
          <p>
            <button type="submit">{t('join.submit')}</button>
          </p>
        </form>
      )}
    </>
  );
}
