/** My profile: display name, points per community, my answers with who can see them, and sign-out. */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { AnswerSettings } from '../components/AnswerSettings';
import { MailSettings, type MailSettingsProps } from '../components/MailSettings';
import { MyRecognition, type MyRecognitionProps } from '../components/MyRecognition';
import { ProfileSettings, type ProfileSettingsProps } from '../components/ProfileSettings';
import { useI18n, type MessageKey } from '../i18n';
import { plural } from '../lib/words';
import { relativeTime } from '../lib/dates';

type Visibility = 'facilitators' | 'community' | 'public';

export interface ProfileProps extends Omit<MyRecognitionProps, 'now'> {
  me: { id: number; name: string; email: string };
  communities: { slug: string; name: string; points: number; credits: number }[];
  answers: {
    id: number;
    level: 'easy' | 'hard';
    body: string;
    visibility: Visibility;
    anonymous: boolean;
    /** Hidden by the community's facilitators (moderation). */
    hidden?: true;
    points: number;
    createdAt: string;
    prompt: { id: number; text: string };
    community: { slug: string; name: string };
  }[];
  now: string;
  /** After the no-JavaScript name form: saved, or refused. */
  notice: 'saved' | 'nameInvalid' | null;
  settings: ProfileSettingsProps['settings'];
  /** After a no-JavaScript form: the settings or the mail settings saved, or an answer changed. */
  saved: { settings: boolean; mail?: boolean; answer: { id: number; kind: 'claimed' | 'visibility' } | null };
  /** What mail the member gets, per community (issue 11). */
  mail: MailSettingsProps['mail'];
}

const VISIBILITY: Record<Visibility, MessageKey> = {
  facilitators: 'form.visibility.facilitators',
  community: 'form.visibility.community',
  public: 'form.visibility.public',
};

export default function Profile(props: ProfileProps) {
  const { me, communities, answers, now, notice, settings, saved } = props;
  const { t, lang } = useI18n();
  const [name, setName] = useState(me.name);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(
    notice === 'saved' ? { ok: true, text: t('profile.saved') } : notice ? { ok: false, text: t('profile.nameInvalid') } : null,
  );
  const [saving, setSaving] = useState(false);
  // Answers changed through the API since the page loaded (claimed, or seen by others).
  const [changed, setChanged] = useState<Record<number, { visibility: Visibility; anonymous: boolean }>>({});

  async function saveName(event: Event) {
    event.preventDefault();
    setSaving(true);
    setStatus(null);
    try {
      const res = await api.me.$patch({ json: { name } });
      if (res.ok) {
        setName((await res.json()).name);
        setStatus({ ok: true, text: t('profile.saved') });
      } else {
        setStatus({ ok: false, text: t(res.status === 400 ? 'profile.nameInvalid' : 'error.generic') });
      }
    } catch {
      setStatus({ ok: false, text: t('error.generic') });
    } finally {
      setSaving(false);
    }
  }

  async function signOut(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      const res = await api.auth['sign-out'].$post();
      if (!res.ok) throw new Error(String(res.status));
      location.assign('/');
    } catch {
      form.submit();
    }
  }

  return (
    <>
      <h1>{t('profile.title')}</h1>
      <p class="muted">{t('profile.email', { email: me.email })}</p>

      <form class="card" method="post" action="/me" onSubmit={saveName}>
        <label for="display-name">{t('profile.name')}</label>
        <p class="hint" id="display-name-hint">
          {t('profile.nameHint')}
        </p>
        <div class="inline-field">
          <input
            type="text"
            id="display-name"
            name="name"
            value={name}
            required
            maxLength={60}
            autocomplete="nickname"
            aria-describedby="display-name-hint"
            aria-invalid={status?.ok === false ? 'true' : undefined}
            onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" disabled={saving}>
            {t('profile.save')}
          </button>
        </div>
        <p class={`status ${status?.ok === false ? 'error' : 'ok'}`} role="status">
          {status?.text ?? ''}
        </p>
      </form>

      <MyRecognition recognition={props.recognition} nudges={props.nudges} notifications={props.notifications} now={now} />

      <ProfileSettings settings={settings} profileHref={`/u/${me.id}`} saved={saved.settings} />

      <MailSettings mail={props.mail} saved={saved.mail ?? false} />

      {communities.length > 0 && (
        <section aria-labelledby="ask-heading">
          <h2 id="ask-heading">{t('profile.askMeAbout')}</h2>
          <p class="hint">{t('profile.askMeAboutHint')}</p>
          <ul class="plain-list">
            {communities.map((c) => (
              <li key={c.slug}>
                <a href={`/c/${c.slug}/helpers#mine`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="points-heading">
        <h2 id="points-heading">{t('profile.points')}</h2>
        {communities.length === 0 ? (
          <div class="empty empty-teach">
            <p class="empty-title">{t('profile.noCommunities')}</p>
            <p>{t('empty.communitiesHow')}</p>
            <p class="actions">
              <a class="button secondary" href="/">
                {t('nav.communities')}
              </a>
            </p>
          </div>
        ) : (
          <ul class="plain-list">
            {communities.map((c) => (
              <li key={c.slug}>
                <a href={`/c/${c.slug}/leaderboard`}>{c.name}</a>
                {' · '}
                <span class="points">{plural(t, lang, 'points', c.points)}</span>
                {c.credits > 0 && (
                  <>
                    {' · '}
                    <a href={`/c/${c.slug}/live`}>{t('credits.profile', { count: c.credits })}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t('profile.answers')}</h2>
        {answers.length === 0 ? (
          <div class="empty empty-teach">
            <p class="empty-title">{t('profile.noAnswers')}</p>
            <p>{t('empty.answersHow')}</p>
            {communities[0] && (
              <p class="actions">
                <a class="button" href={`/c/${communities[0].slug}`}>
                  {t('empty.answersToday', { name: communities[0].name })}
                </a>
              </p>
            )}
          </div>
        ) : (
          <ul class="my-answers">
            {answers.map((original) => {
              const a = { ...original, ...changed[original.id] };
              return (
                <li key={a.id} class="card">
                  <p class="answer-meta">
                    <a href={`/c/${a.community.slug}`}>{a.community.name}</a>
                    <span class={`level level-${a.level}`}>{t(a.level === 'easy' ? 'level.easy' : 'level.hard')}</span>
                    <time dateTime={a.createdAt}>{relativeTime(a.createdAt, now, lang)}</time>
                  </p>
                  <h3 class="small-heading" id={`my-answer-${a.id}`}>
                    {a.prompt.text}
                  </h3>
                  <p class="answer-body">{a.body}</p>
                  {a.hidden && <p class="hint">{t('moderation.hiddenMark')}</p>}
                  <p class="muted">
                    {t('profile.visibility', { who: t(VISIBILITY[a.visibility]) })}
                    {a.anonymous && ` · ${t('profile.anonymous')}`}
                    {' · '}
                    {plural(t, lang, 'points', a.points)}
                  </p>
                  <AnswerSettings
                    answer={{ id: a.id, visibility: a.visibility, anonymous: a.anonymous }}
                    returnTo="/me"
                    saved={saved.answer?.id === a.id ? saved.answer.kind : null}
                    showCurrent={false}
                    onChange={(next) => setChanged((all) => ({ ...all, [a.id]: next }))}
                  />
                  <p>
                    <a href={`/a/${a.id}`} aria-describedby={`my-answer-${a.id}`}>
                      {t('profile.open')}
                    </a>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('dataRights.heading')}</h2>
        <p class="hint">{t('dataRights.downloadHint')}</p>
        <p class="form-actions">
          <a class="button secondary" href="/api/me/export" download>
            {t('dataRights.download')}
          </a>
          <a href="/me/delete">{t('dataRights.deleteLink')}</a>
        </p>
      </section>

      <form method="post" action="/sign-out" onSubmit={signOut} class="sign-out">
        <button type="submit" class="secondary">
          {t('profile.signOut')}
        </button>
      </form>
    </>
  );
}
