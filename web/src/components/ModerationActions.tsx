/**
 * A facilitator's buttons for one answer: hide or restore, remove, and (for reported answers) dismiss the
 * reports. Plain forms posting to the moderation page, which does the same as the API and comes back.
 */
import { useI18n } from '../i18n';

export interface ModerationActionsProps {
  slug: string;
  submissionId: number;
  hidden: boolean;
  /** Where to come back to (a local path). */
  returnTo: string;
  reported?: boolean;
}

export function ModerationActions({ slug, submissionId, hidden, returnTo, reported = false }: ModerationActionsProps) {
  const { t } = useI18n();
  const action = `/c/${encodeURIComponent(slug)}/moderation`;
  const button = (name: 'hide' | 'restore' | 'remove' | 'dismiss', label: string) => (
    <form method="post" action={action}>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="action" value={name} />
      <input type="hidden" name="next" value={returnTo} />
      <button type="submit" class={name === 'remove' ? 'small' : 'small secondary'}>
        {label}
      </button>
    </form>
  );
  return (
    <div class="moderation-actions">
      {hidden ? button('restore', t('moderation.restore')) : button('hide', t('moderation.hide'))}
      {reported && button('dismiss', t('moderation.dismiss'))}
      {button('remove', t('moderation.remove'))}
    </div>
  );
}
