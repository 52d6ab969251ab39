/**
 * The page an emailed sign-in link opens, in the app's shell and the member's language. Opening it signs
 * nobody in (mail scanners open links): its Continue button posts the token. A first sign-in is also asked
 * for a display name, prefilled with a friendly suggestion the member can change. Works without JavaScript.
 */
import { Field } from '../components/Field';
import { useI18n } from '../i18n';

export type ConfirmProps =
  | { state: 'invalid' }
  | {
      state: 'confirm';
      email: string;
      token: string;
      /** Where to go once signed in: a same-site path, already checked. */
      next: string | null;
      /** Only for an address without an account: the name field, and the suggestion it starts with. */
      askName: { suggestion: string; tooLong: boolean } | null;
    };

export default function Confirm(props: ConfirmProps) {
  const { t, lang } = useI18n();
  if (props.state === 'invalid') {
    return (
      <>
        <h1>{t('confirm.invalidTitle')}</h1>
        <p>{t('confirm.invalid')}</p>
        <p>
          <a class="button" href="/sign-in">
            {t('confirm.again')}
          </a>
        </p>
      </>
    );
  }
  const { email, token, next, askName } = props;
  return (
    <>
      <h1>{t('confirm.title')}</h1>
      <p>{t('confirm.as', { email })}</p>
      <form method="post" action="/auth/confirm" class="narrow">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="lang" value={lang} />
        {next && <input type="hidden" name="next" value={next} />}
        {askName && (
          <Field
            id="name"
            label={t('confirm.name')}
            hint={t('confirm.nameHint')}
            error={askName.tooLong ? t('confirm.nameTooLong') : undefined}
          >
            {(aria) => <input {...aria} type="text" name="name" maxLength={60} autoComplete="nickname" value={askName.suggestion} />}
          </Field>
        )}
        <p>
          <button type="submit">{t('confirm.continue')}</button>
        </p>
      </form>
    </>
  );
}
