/**
 * The answer's words: a text box with its live character count, read out once typing pauses. It leads the form
 * for a prompt that asks for words, and is an optional line under the picture for one that asks for a picture.
 */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { useHydrated } from '../lib/hydrated';
import { Field } from './Field';

export const MAX_ANSWER_CHARS = 500;
/** How long typing must pause before the character count is read out. */
export const COUNT_ANNOUNCE_MS = 800;

export interface AnswerTextProps {
  value: string;
  onInput: (value: string) => void;
  /** False when a picture leads: the words are then optional and short. */
  leads: boolean;
  error?: string | undefined;
}

export function AnswerText({ value, onInput, leads, error }: AnswerTextProps) {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [announced, setAnnounced] = useState('');
  const countText = t('form.count', { count: value.length, max: MAX_ANSWER_CHARS });
  useEffect(() => {
    if (!hydrated) return;
    const timer = setTimeout(() => setAnnounced(countText), COUNT_ANNOUNCE_MS);
    return () => clearTimeout(timer);
  }, [countText, hydrated]);

  return (
    <Field
      id="answer-body"
      label={t(leads ? 'form.body' : 'form.bodyOptional')}
      hint={leads ? t('form.bodyHint') : undefined}
      error={error}
      describedBy={['answer-body-count']}
      after={
        <>
          <p class="count" id="answer-body-count">
            {countText}
          </p>
          <p class="visually-hidden" aria-live="polite" data-testid="count-announcement">
            {announced}
          </p>
        </>
      }
    >
      {(aria) => (
        // Not `required`: a sketch or a photo alone is a whole answer, and the API says when neither is there.
        <textarea
          {...aria}
          name="body"
          maxLength={MAX_ANSWER_CHARS}
          rows={leads ? 4 : 2}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
