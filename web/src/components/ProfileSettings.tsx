/**
 * Two switches on the member's own profile: allow a public profile page, and next-step suggestions. Each
 * saves at once through PATCH /api/me with JavaScript; without it, one plain form with a Save button.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useHydrated } from '../lib/hydrated';

type Setting = 'publicProfile' | 'nudges';
const SWITCHES: { key: Setting; label: MessageKey; hint: MessageKey }[] = [
  { key: 'publicProfile', label: 'settings.publicProfile', hint: 'settings.publicProfileHint' },
  { key: 'nudges', label: 'settings.nudges', hint: 'settings.nudgesHint' },
];

export interface ProfileSettingsProps {
  settings: Record<Setting, boolean>;
  /** The public profile's address, shown while it is allowed. */
  profileHref: string;
  saved: boolean;
}

export function ProfileSettings({ settings: initial, profileHref, saved }: ProfileSettingsProps) {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [settings, setSettings] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(saved ? { ok: true, text: t('profile.saved') } : null);

  async function toggle(key: Setting, value: boolean) {
    setSettings((s) => ({ ...s, [key]: value }));
    setStatus(null);
    try {
      const res = await api.me.$patch({ json: { [key]: value } });
      if (!res.ok) throw new Error(String(res.status));
      const me = await res.json();
      setSettings({ publicProfile: me.publicProfile, nudges: me.nudges });
      setStatus({ ok: true, text: t('profile.saved') });
    } catch {
      setSettings((s) => ({ ...s, [key]: !value }));
      setStatus({ ok: false, text: t('error.generic') });
    }
  }

  return (
    <form class="card opt-out" method="post" action="/me/settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      {SWITCHES.map((s) => (
        <div key={s.key}>
          <div class="choice">
            <input
              type="checkbox"
              id={`setting-${s.key}`}
              name={s.key}
              checked={settings[s.key]}
              aria-describedby={`setting-${s.key}-hint`}
              onChange={hydrated ? (e) => void toggle(s.key, (e.currentTarget as HTMLInputElement).checked) : undefined}
            />
            <label for={`setting-${s.key}`}>{t(s.label)}</label>
          </div>
          <p class="hint" id={`setting-${s.key}-hint`}>
            {t(s.hint)}
          </p>
        </div>
      ))}
      {settings.publicProfile && (
        <p>
          <a href={profileHref}>{t('settings.publicProfileLink')}</a>
        </p>
      )}
      {!hydrated && (
        <button type="submit" class="secondary">
          {t('profile.save')}
        </button>
      )}
      <p class={`status ${status?.ok === false ? 'error' : 'ok'}`} role="status">
        {status?.text ?? ''}
      </p>
    </form>
  );
}
