/**
 * Sign in by email link. A plain form POST to /sign-in works without JavaScript; with it, the typed client
 * asks for the link and the page turns into "check your email" without a reload.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Field } from '../components/Field';
import { useI18n, type MessageKey } from '../i18n';

export interface SignInProps {
  /** The address a link was just sent to (after a no-JavaScript post). */
  sentTo: string | null;
  email: string;
  error: MessageKey | null;
  /** Mail goes to the server console (development): say so. */
  consoleMail: boolean;
  /** The same-site page to come back to once signed in (the link carries it). */
  next: string | null;
}

export default function SignIn(props: SignInProps) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState(props.email);
  const [sentTo, setSentTo] = useState(props.sentTo);
  const [error, setError] = useState(props.error);
  const [sending, setSending] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);
  const moveFocus = useRef(false);

  useEffect(() => {
    if (sentTo && moveFocus.current) sentRef.current?.focus();
    moveFocus.current = false;
  }, [sentTo]);

  async function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      const json = { email: email.trim(), lang, ...(props.next ? { next: props.next } : {}) };
      const res = await api.auth['email-link'].$post({ json });
      if (res.status === 202) {
        moveFocus.current = true;
        setSentTo(email.trim());
      } else {
        // 429 comes from the rate limit, which the route's typed responses do not list.
        const status: number = res.status;
        setError(status === 400 ? 'signIn.error' : status === 429 ? 'signIn.rateLimited' : 'error.generic');
        document.getElementById('email')?.focus();
      }
    } catch {
      setError('form.error.network');
    } finally {
      setSending(false);
    }
  }

  if (sentTo) {
    return (
      <>
        <h1>{t('signIn.title')}</h1>
        <div class="status ok" role="status" tabIndex={-1} ref={sentRef}>
          <p>{t('signIn.sent', { email: sentTo })}</p>
          {props.consoleMail && <p>{t('signIn.devHint')}</p>}
        </div>
        <p>
          <a href="/sign-in" onClick={(e) => (e.preventDefault(), setSentTo(null))}>
            {t('signIn.again')}
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <form method="post" action="/sign-in" onSubmit={submit} class="narrow">
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <Field id="email" label={t('signIn.email')} hint={t('signIn.emailHint')} error={error ? t(error) : undefined}>
          {(aria) => (
            <input
              {...aria}
              type="email"
              name="email"
              required
              autoComplete="email"
              inputMode="email"
              maxLength={254}
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <p>
          <button type="submit" disabled={sending}>
            {sending ? t('signIn.sending') : t('signIn.submit')}
          </button>
        </p>
      </form>
      {props.consoleMail && <p class="hint">{t('signIn.devHint')}</p>}
    </>
  );
}
