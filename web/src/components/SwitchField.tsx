/**
 * A settings switch that saves at once with JavaScript, and the footer of a form of them: a Save button
 * only while JavaScript is absent (the form then posts as usual), and the polite status line.
 */
import { useI18n } from '../i18n';

export interface SwitchFieldProps {
  id: string;
  name: string;
  checked: boolean;
  label: string;
  hint: string;
  /** Set once hydrated; before that the checkbox is a plain form field. */
  onToggle?: (checked: boolean) => void;
}

export function SwitchField({ id, name, checked, label, hint, onToggle }: SwitchFieldProps) {
  return (
    <>
      <div class="choice">
        <input
          type="checkbox"
          id={id}
          name={name}
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={onToggle ? (e) => onToggle((e.currentTarget as HTMLInputElement).checked) : undefined}
        />
        <label for={id}>{label}</label>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </>
  );
}

export function SwitchFormFooter({ hydrated, status }: { hydrated: boolean; status: { ok: boolean; text: string } | null }) {
  const { t } = useI18n();
  return (
    <>
      {!hydrated && (
        <button type="submit" class="secondary">
          {t('profile.save')}
        </button>
      )}
      <p class={`status ${status?.ok === false ? 'error' : 'ok'}`} role="status">
        {status?.text ?? ''}
      </p>
    </>
  );
}
