/**
 * The author's ready-to-paste share text, as plain text and as Markdown, in read-only text areas: the text
 * is there to select and copy without JavaScript; with it, a copy button stands beside each.
 */
import { useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n';
import type { ShareText, Visibility } from '../lib/api-types';
import { useHydrated } from '../lib/hydrated';

const FORMS = [
  { key: 'text', label: 'share.text', copy: 'share.copyText' },
  { key: 'markdown', label: 'share.markdown', copy: 'share.copyMarkdown' },
] as const satisfies readonly { key: keyof ShareText; label: MessageKey; copy: MessageKey }[];

export function SharePanel({ share, anonymous, visibility }: { share: ShareText; anonymous: boolean; visibility: Visibility }) {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function copy(key: 'text' | 'markdown') {
    const area = document.getElementById(`share-${key}`) as HTMLTextAreaElement | null;
    try {
      await navigator.clipboard.writeText(share[key]);
      setStatus({ ok: true, text: t('share.copied') });
    } catch {
      // Clipboard refused (an insecure origin, a denied permission): select it for a manual copy.
      area?.focus();
      area?.select();
      setStatus({ ok: false, text: t('share.copyFailed') });
    }
  }

  return (
    <section class="card share-panel" id="share" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('share.heading')}</h2>
      <p class="hint">{t('share.intro')}</p>
      {anonymous && <p class="notice-inline">{t('share.anonymousHint')}</p>}
      {visibility !== 'public' && <p class="notice-inline">{t('share.notPublicHint')}</p>}
      {FORMS.map((f) => (
        <div class="share-form" key={f.key}>
          <label for={`share-${f.key}`}>{t(f.label)}</label>
          <textarea id={`share-${f.key}`} readOnly rows={f.key === 'text' ? 6 : 7} value={share[f.key]} />
          {hydrated && (
            <button type="button" class="secondary small" onClick={() => void copy(f.key)}>
              {t(f.copy)}
            </button>
          )}
        </div>
      ))}
      <p class={`status ${status?.ok === false ? 'error' : 'ok'}`} role="status">
        {status?.text ?? ''}
      </p>
    </section>
  );
}
