/**
 * A community's live sessions and help prompts, /c/:slug/live: what is coming (with countdowns and calendar
 * links), the facilitators' scheduling form, the member's helper credits, featured help prompts to answer, the
 * form to ask one, and for facilitators the prompts waiting for a decision. Plain forms: no JavaScript needed.
 */
import { LiveSessionCard } from '../components/LiveSessionCard';
import { useI18n } from '../i18n';
import type { HelpPrompts, LiveSessions as Sessions, MyCredits } from '../lib/api-types';
import { plural } from '../lib/words';

export interface LiveSessionsProps {
  community: { slug: string; name: string };
  sessions: Sessions;
  help: HelpPrompts;
  /** The signed-in member's credits; null for visitors. */
  credits: MyCredits | null;
  cost: number;
  facilitator: boolean;
  /** What the last form did, or why it was refused. */
  done: string | null;
  error: string | null;
}

const FORM_ERRORS = ['invalid', 'credits', 'limit', 'decided', 'answered'] as const;

export default function LiveSessions({ community, sessions, help, credits, cost, facilitator, done, error }: LiveSessionsProps) {
  const { t, lang } = useI18n();
  const base = `/c/${encodeURIComponent(community.slug)}`;
  const errorKey = FORM_ERRORS.find((e) => e === error);
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{community.name}</a>
      </p>
      <h1>{t('live.title', { community: community.name })}</h1>
      <p class="lede">{t('live.intro')}</p>
      {done && (
        <p class="status ok" role="status">
          {t('live.done')}
        </p>
      )}
      {errorKey && (
        <p class="status error" role="alert">
          {t(`live.error.${errorKey}`)}
        </p>
      )}
      <h2>{t('live.upcoming')}</h2>
      {sessions.upcoming.length === 0 ? <p>{t('live.none')}</p> : sessions.upcoming.map((s) => <LiveSessionCard key={s.id} session={s} slug={community.slug} />)}
      <p class="links">
        <a href={`${base}/live.ics`}>{t('live.feed')}</a>
      </p>
      {facilitator && (
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title">{t('live.schedule')}</h2>
          <form method="post" action={`${base}/live`}>
            <label for="live-kind">{t('live.kindLabel')}</label>
            <select id="live-kind" name="kind">
              <option value="office_hour">{t('live.kind.office_hour')}</option>
              <option value="sprint">{t('live.kind.sprint')}</option>
            </select>
            <label for="live-title">{t('live.titleLabel')}</label>
            <input id="live-title" name="title" required maxLength={120} />
            <label for="live-date">{t('live.dateLabel')}</label>
            <input id="live-date" name="date" type="date" required />
            <label for="live-time">{t('live.timeLabel')}</label>
            <input id="live-time" name="time" type="time" required />
            <label for="live-minutes">{t('live.minutesLabel')}</label>
            <input id="live-minutes" name="durationMinutes" type="number" min={2} max={180} />
            <label for="live-prompt">{t('live.promptLabel')}</label>
            <textarea id="live-prompt" name="prompt" maxLength={500} />
            <label for="live-hard-prompt">{t('liveprompt.hardLabel')}</label>
            <textarea id="live-hard-prompt" name="hardPrompt" maxLength={500} />
            <label for="live-call">{t('live.callLabel')}</label>
            <input id="live-call" name="callUrl" type="url" placeholder="https://…" />
            <button type="submit">{t('live.scheduleSubmit')}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="help-title">
        <h2 id="help-title">{t('help.title')}</h2>
        <p>{t('help.intro', { cost })}</p>
        {credits && <p class="credits-balance">{plural(t, lang, 'credits.balance', credits.balance)}</p>}
        {help.featured.length === 0 && <p>{t('help.none')}</p>}
        {help.featured.map((h) => (
          <article key={h.id} class="card">
            <p>
              <a href={`${base}/help/${h.id}`}>{h.question}</a>
            </p>
            <p class="muted">
              {t('help.askedBy', { name: h.asker.name })} · {plural(t, lang, 'help.replies', h.replies)}
            </p>
          </article>
        ))}
        {help.canAsk && (
          <form method="post" action={`${base}/help`}>
            <label for="help-question">{t('help.askLabel')}</label>
            <textarea id="help-question" name="question" required maxLength={500} />
            <button type="submit">{t('help.ask', { cost })}</button>
          </form>
        )}
        {facilitator && help.pending.length > 0 && (
          <>
            <h3>{t('help.pending')}</h3>
            {help.pending.map((h) => (
              <article key={h.id} class="card">
                <p>{h.question}</p>
                <p class="muted">{t('help.askedBy', { name: h.asker.name })}</p>
                <form method="post" action={`${base}/help/${h.id}/decision`} class="actions">
                  <button type="submit" name="decision" value="approve">
                    {t('help.approve')}
                  </button>
                  <button type="submit" name="decision" value="decline" class="secondary">
                    {t('help.decline')}
                  </button>
                </form>
              </article>
            ))}
          </>
        )}
      </section>
      {sessions.past.length > 0 && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t('live.past')}</h2>
          {sessions.past.map((s) => (
            <LiveSessionCard key={s.id} session={s} slug={community.slug} />
          ))}
        </section>
      )}
    </>
  );
}
