/**
 * Who sees the answer and whether it shows the name, folded into one line ("Posting to Kindling demo as
 * Priya · change") that opens the two choices. A native <details>: it opens without JavaScript too, and
 * opens by itself when one of its choices is in error.
 */
import { useI18n, type MessageKey } from '../i18n';
import type { Visibility } from '../lib/answer-types';
import { ChoiceGroup } from './Field';

const WHERE: Record<Visibility, MessageKey> = {
  facilitators: 'form.postingTo.facilitators',
  community: 'form.postingTo.community',
  public: 'form.postingTo.public',
};

export interface PostingAsProps {
  community: string;
  /** The member's display name; null while they have not chosen one. */
  name: string | null;
  visibility: Visibility;
  anonymous: boolean;
  onVisibility: (v: Visibility) => void;
  onAnonymous: (anonymous: boolean) => void;
  errors: { visibility?: string | undefined; anonymous?: string | undefined };
}

export function PostingAs({ community, name, visibility, anonymous, onVisibility, onAnonymous, errors }: PostingAsProps) {
  const { t } = useI18n();
  const who = anonymous ? t('form.postingAnonymously') : name ? t('form.postingAsName', { name }) : t('form.postingNoName');
  const line = [t(WHERE[visibility], { community }), who].filter(Boolean).join(' ');
  return (
    <details class="posting-as" open={Boolean(errors.visibility || errors.anonymous)}>
      <summary>
        <span id="posting-as-line">{line}</span> · <span class="change">{t('form.change')}</span>
      </summary>
      <ChoiceGroup<Visibility>
        name="visibility"
        legend={t('form.visibility')}
        value={visibility}
        onChange={onVisibility}
        error={errors.visibility}
        choices={[
          { value: 'facilitators', label: t('form.visibility.facilitators'), hint: t('form.visibility.facilitatorsHint') },
          { value: 'community', label: t('form.visibility.community'), hint: t('form.visibility.communityHint') },
          { value: 'public', label: t('form.visibility.public'), hint: t('form.visibility.publicHint') },
        ]}
      />
      <ChoiceGroup<'false' | 'true'>
        name="anonymous"
        legend={t('form.identity')}
        value={anonymous ? 'true' : 'false'}
        onChange={(v) => onAnonymous(v === 'true')}
        error={errors.anonymous}
        choices={[
          { value: 'false', label: t('form.identity.named'), hint: t('form.identity.namedHint') },
          { value: 'true', label: t('form.identity.anonymous'), hint: t('form.identity.anonymousHint') },
        ]}
      />
    </details>
  );
}
