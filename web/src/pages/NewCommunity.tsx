/**
 * Start a community: a plain form posted to /communities/new, which works without JavaScript; errors come back
 * next to their fields with what was typed kept. The time zone is typed with suggestions from a <datalist>
 * (searchable in every browser); with JavaScript, an empty one is filled with the browser's own zone.
 */
import { useEffect, useState } from 'preact/hooks';
import { ChoiceGroup, Field } from '../components/Field';
import { useI18n, type MessageKey } from '../i18n';
import { timeZoneNames, type NewCommunityField, type NewCommunityValues } from '../lib/new-community';
import { COMMUNITY_DESCRIPTION_MAX } from '../../../src/schemas/limits';

export interface NewCommunityProps {
  values: NewCommunityValues;
  errors: Partial<Record<NewCommunityField, MessageKey>>;
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));

export default function NewCommunity({ values, errors }: NewCommunityProps) {
  const { t } = useI18n();
  // Every field is held here: a re-render (the time zone filled in) must not reset what was typed elsewhere.
  const [form, setForm] = useState(values);
  const set = (field: NewCommunityField) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [field]: value }));
  };
  const err = (field: NewCommunityField) => (errors[field] ? t(errors[field]!) : undefined);
  const count = Object.keys(errors).length;

  useEffect(() => {
    const guess = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!form.timeZone && guess) setForm((f) => ({ ...f, timeZone: guess }));
  }, []);

  return (
    <>
      <h1>{t('newCommunity.title')}</h1>
      <p class="lede">{t('newCommunity.intro')}</p>
      {count > 0 && (
        <p class="status error" role="alert">
          {t('newCommunity.fixErrors')}
        </p>
      )}
      <form method="post" action="/communities/new" class="narrow" noValidate>
        <Field id="community-name" label={t('newCommunity.name')} error={err('name')}>
          {(aria) => <input {...aria} type="text" name="name" required maxLength={80} value={form.name} onInput={set('name')} />}
        </Field>
        <Field id="community-slug" label={t('newCommunity.slug')} hint={t('newCommunity.slugHint')} error={err('slug')}>
          {(aria) => (
            <input {...aria} type="text" name="slug" maxLength={40} pattern="[a-z0-9-]*" autoCapitalize="none" spellcheck={false} value={form.slug} onInput={set('slug')} />
          )}
        </Field>
        <Field id="community-description" label={t('newCommunity.description')} hint={t('newCommunity.descriptionHint')} error={err('description')}>
          {(aria) => <textarea {...aria} name="description" rows={3} maxLength={COMMUNITY_DESCRIPTION_MAX} value={form.description} onInput={set('description')} />}
        </Field>
        <Field id="community-time-zone" label={t('newCommunity.timeZone')} hint={t('newCommunity.timeZoneHint')} error={err('timeZone')}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              name="timeZone"
              list="time-zones"
              required
              maxLength={64}
              autoComplete="off"
              spellcheck={false}
              placeholder="Europe/Paris"
              value={form.timeZone}
              onInput={set('timeZone')}
            />
          )}
        </Field>
        <datalist id="time-zones">
          {timeZoneNames().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <Field id="community-day-start" label={t('newCommunity.dayStartHour')} hint={t('newCommunity.dayStartHint')} error={err('dayStartHour')}>
          {(aria) => (
            <select {...aria} name="dayStartHour" value={form.dayStartHour} onChange={set('dayStartHour')}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {`${h.padStart(2, '0')}:00`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ChoiceGroup<'public' | 'private'>
          name="visibility"
          legend={t('newCommunity.visibility')}
          value={form.visibility}
          onChange={(visibility) => setForm((f) => ({ ...f, visibility }))}
          error={err('visibility')}
          choices={[
            { value: 'public', label: t('communities.public'), hint: t('newCommunity.publicHint') },
            { value: 'private', label: t('communities.private'), hint: t('newCommunity.privateHint') },
          ]}
        />
        <p>
          <button type="submit">{t('newCommunity.create')}</button>
        </p>
      </form>
    </>
  );
}
