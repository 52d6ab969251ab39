/**
 * A labelled form control with its hint and its error next to it, and a radio group with a plain-words
 * explanation beside each choice. Both wire aria-describedby / aria-invalid so the words are read with the field.
 */
import type { ComponentChildren, TargetedEvent } from 'preact';

export interface FieldAria {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** More element ids describing the control (a live character count, for instance). */
  describedBy?: string[];
  children: (aria: FieldAria) => ComponentChildren;
  after?: ComponentChildren;
}

const describedBy = (ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function Field({ id, label, hint, error, describedBy: more = [], children, after }: FieldProps) {
  const aria: FieldAria = { id, 'aria-describedby': describedBy([hint && `${id}-hint`, error && `${id}-error`, ...more]) };
  if (error) aria['aria-invalid'] = true;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
      {children(aria)}
      {after}
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p class="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

export interface Choice<V extends string> {
  value: V;
  label: ComponentChildren;
  hint?: string;
  disabled?: boolean;
}

export interface ChoiceGroupProps<V extends string> {
  name: string;
  legend: string;
  choices: Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
  error?: string | undefined;
  /** Short labels side by side (the easy/hard switch), instead of one card per line. */
  compact?: boolean;
}

export function ChoiceGroup<V extends string>({ name, legend, choices, value, onChange, error, compact }: ChoiceGroupProps<V>) {
  const errorId = `${name}-error`;
  return (
    <fieldset class={['choices', compact && 'compact', error && 'invalid'].filter(Boolean).join(' ')} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <FieldError id={errorId} error={error} />
      {choices.map((c) => {
        const id = `${name}-${c.value}`;
        const onInput = (e: TargetedEvent<HTMLInputElement>) => e.currentTarget.checked && onChange(c.value);
        return (
          <div class="choice" key={c.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={c.value}
              checked={value === c.value}
              disabled={c.disabled}
              aria-describedby={c.hint ? `${id}-hint` : undefined}
              onChange={onInput}
            />
            <label for={id}>
              <span class="choice-label">{c.label}</span>
              {c.hint && (
                <span class="hint" id={`${id}-hint`}>
                  {c.hint}
                </span>
              )}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
