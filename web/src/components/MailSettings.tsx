/**
 * The member's mail, per community (issue 11): today's prompt daily at a local hour, a weekly digest, or
 * nothing; a pause of 1–8 weeks; and the mail's language. One plain form posting to /me/mail, so it works
 * without JavaScript; the same changes as PATCH /api/me/mail-preferences.
 */
import { useI18n } from '../i18n';
import { formatDay } from '../lib/dates';
import { plural } from '../lib/words';

export interface MailSettingsProps {
  mail: {
    lang: 'en' | 'fr';
    communities: {
      slug: string;
      name: string;
      timeZone: string;
      mode: 'daily' | 'weekly' | 'off';
      hour: number;
      pausedUntil: string | null;
      steppedDown: boolean;
    }[];
  };
  saved: boolean;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEEKS = [1, 2, 3, 4, 5, 6, 7, 8];

export function MailSettings({ mail, saved }: MailSettingsProps) {
  const { t, lang } = useI18n();
  return (
    <form class="card" method="post" action="/me/mail" aria-labelledby="mail-heading">
      <h2 id="mail-heading">{t('mailPrefs.heading')}</h2>
      <p class="hint">{t('mailPrefs.intro')}</p>
      {mail.communities.length === 0 && <p>{t('mailPrefs.none')}</p>}
      <div class="field">
        <label for="mail-lang">{t('mailPrefs.lang')}</label>
        <select id="mail-lang" name="lang" value={mail.lang}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </div>
      {mail.communities.map((c) => (
        <fieldset key={c.slug} class="choices">
          <legend>{c.name}</legend>
          {c.steppedDown && <p class="hint">{t('mailPrefs.steppedDown')}</p>}
          {c.pausedUntil && <p class="hint">{t('mailPrefs.pausedUntil', { date: formatDay(c.pausedUntil.slice(0, 10), lang, 'dayMonth') })}</p>}
          <div class="field">
            <label for={`mail-mode-${c.slug}`}>{t('mailPrefs.mode')}</label>
            <select id={`mail-mode-${c.slug}`} name={`mode:${c.slug}`} value={c.mode}>
              <option value="daily">{t('mailPrefs.mode.daily')}</option>
              <option value="weekly">{t('mailPrefs.mode.weekly')}</option>
              <option value="off">{t('mailPrefs.mode.off')}</option>
            </select>
          </div>
          <div class="field">
            <label for={`mail-hour-${c.slug}`}>{t('mailPrefs.hour', { timeZone: c.timeZone })}</label>
            <select id={`mail-hour-${c.slug}`} name={`hour:${c.slug}`} value={String(c.hour)}>
              {HOURS.map((h) => (
                <option key={h} value={String(h)}>{`${String(h).padStart(2, '0')}:00`}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`mail-pause-${c.slug}`}>{t('mailPrefs.pause')}</label>
            <select id={`mail-pause-${c.slug}`} name={`pause:${c.slug}`} value="">
              <option value="">{t('mailPrefs.pause.keep')}</option>
              <option value="0">{t('mailPrefs.pause.end')}</option>
              {WEEKS.map((w) => (
                <option key={w} value={String(w)}>
                  {plural(t, lang, 'mailPrefs.pauseWeeks', w)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      ))}
      <p>
        <button type="submit">{t('mailPrefs.save')}</button>
      </p>
      <p class="status ok" role="status">
        {saved ? t('mailPrefs.saved') : ''}
      </p>
    </form>
  );
}
