/**
 * Two switches on the member's own profile: allow a public profile page, and next-step suggestions. Each
 * saves at once through PATCH /api/me with JavaScript; without it, one plain form with a Save button.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useHydrated } from '../lib/hydrated';
import { SwitchField, SwitchFormFooter } from './SwitchField';

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
        <SwitchField
          key={s.key}
          id={`setting-${s.key}`}
          name={s.key}
          checked={settings[s.key]}
          label={t(s.label)}
          hint={t(s.hint)}
          onToggle={hydrated ? (value) => void toggle(s.key, value) : undefined}
        />
      ))}
      {settings.publicProfile && (
        <p>
          <a href={profileHref}>{t('settings.publicProfileLink')}</a>
        </p>
      )}
      <SwitchFormFooter hydrated={hydrated} status={status} />
    </form>
  );
}
