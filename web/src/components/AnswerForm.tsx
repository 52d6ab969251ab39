/**
 * The answer form. Without JavaScript it is a plain multipart POST to /c/:slug/answer (text, link, photo,
 * visibility, name). With it, the picture (a photo or a sketch) is uploaded to /api/images first, then the
 * answer goes to the API with one Idempotency-Key per answer, reused when the member retries.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorOf } from '../api';
import { useI18n } from '../i18n';
import { answerErrors, type AnswerErrors, type AnswerField } from '../lib/answer-errors';
import type { AnswerDraft, AnswerRequest, AnswerResult, Level, PromptView, Visibility } from '../lib/answer-types';
import { useHydrated } from '../lib/hydrated';
import { newIdempotencyKey } from '../lib/idempotency';
import { preparePhoto } from '../lib/photo';
import { emptySketch, exportPng, isEmpty, type Sketch } from '../lib/sketch-model';
import { ChoiceGroup, Field, FieldError } from './Field';
import { SketchPad } from './SketchPad';
import { Timer } from './Timer';

export const MAX_ANSWER_CHARS = 500;
/** How long typing must pause before the character count is read out. */
export const COUNT_ANNOUNCE_MS = 800;

export interface Posted {
  level: Level;
  points: number;
  onTime: boolean;
}

export interface AnswerFormProps {
  slug: string;
  prompt: PromptView;
  /** Levels already answered (kept by the page, which marks its cards with them). */
  answered: Level[];
  level: Level | null;
  onLevel: (level: Level) => void;
  onAnswered: (posted: Posted, result: AnswerResult) => void;
  /** Values and errors of a no-JavaScript post the server sent back. */
  draft?: AnswerDraft | null;
  errors?: AnswerErrors | null;
  /** The answer just posted without JavaScript (from the redirect's query). */
  posted?: Posted | null;
  galleryHref?: string | undefined;
}

/** Focus goes to the first field in error, in the form's order. */
const fieldOrder: [AnswerField, string][] = [
  ['level', 'level-easy'],
  ['body', 'answer-body'],
  ['link', 'answer-link'],
  ['image', 'answer-photo'],
  ['visibility', 'visibility-community'],
  ['anonymous', 'anonymous-false'],
  ['general', 'answer-status'],
];

export function AnswerForm(props: AnswerFormProps) {
  const { slug, prompt, answered, level, onLevel, draft, galleryHref } = props;
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [body, setBody] = useState(draft?.body ?? '');
  const [link, setLink] = useState(draft?.link ?? '');
  const [visibility, setVisibility] = useState<Visibility>(draft?.visibility ?? 'community');
  const [anonymous, setAnonymous] = useState(draft?.anonymous ?? false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [sketchOpen, setSketchOpen] = useState(false);
  const [sketch, setSketch] = useState<Sketch>(emptySketch);
  const [errors, setErrors] = useState<AnswerErrors>(props.errors ?? {});
  const [posting, setPosting] = useState(false);
  const [posted, setPosted] = useState<Posted | null>(props.posted ?? null);
  const [announced, setAnnounced] = useState('');
  const photoInput = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  /** One key per answer: kept across retries, dropped once the answer is in. */
  const idempotencyKey = useRef<string | null>(null);
  /** The picture already uploaded for this answer, so a retry does not upload it again. */
  const uploaded = useRef<{ source: Blob | Sketch; id: string } | null>(null);
  const focusAfterErrors = useRef(false);

  const count = body.length;
  const countText = t('form.count', { count, max: MAX_ANSWER_CHARS });
  useEffect(() => {
    if (!hydrated) return;
    const timer = setTimeout(() => setAnnounced(countText), COUNT_ANNOUNCE_MS);
    return () => clearTimeout(timer);
  }, [countText, hydrated]);

  useEffect(() => {
    if (!focusAfterErrors.current) return;
    focusAfterErrors.current = false;
    const first = fieldOrder.find(([field]) => errors[field]);
    if (first) document.getElementById(first[1])?.focus();
  }, [errors]);

  const remaining = (['easy', 'hard'] as const).filter((l) => !answered.includes(l));
  const current = level && remaining.includes(level) ? level : (remaining[0] ?? null);
  const levelName = (l: Level) => t(l === 'easy' ? 'level.easy' : 'level.hard');
  const pointsOf = (l: Level) => {
    const points = prompt[l].points;
    return points === 1 ? t('level.point') : t('level.points', { points });
  };
  const err = (field: AnswerField) => (errors[field] ? t(errors[field]!) : undefined);

  const showErrors = (next: AnswerErrors) => {
    focusAfterErrors.current = true;
    setErrors(next);
  };

  /** The picture to send, if any: a chosen photo wins; else a non-empty sketch while the pad is open. */
  async function uploadPicture(): Promise<{ id?: string; errors?: AnswerErrors }> {
    const source: Blob | Sketch | null = photo ?? (sketchOpen && !isEmpty(sketch) ? sketch : null);
    if (!source) return {};
    if (uploaded.current?.source === source) return { id: uploaded.current.id };
    const blob = source instanceof Blob ? await preparePhoto(source) : await exportPng(source);
    if (!blob) return { errors: { image: 'form.error.image' } };
    const res = await api.images.$post(undefined, {
      headers: { 'Content-Type': blob.type || 'application/octet-stream' },
      init: { body: blob },
    });
    if (res.status !== 201) return { errors: answerErrors(await errorOf(res), 'upload') };
    const { id } = await res.json();
    uploaded.current = { source, id };
    return { id };
  }

  async function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (posting || !current) return;
    setPosting(true);
    setErrors({});
    try {
      const picture = await uploadPicture();
      if (picture.errors) return showErrors(picture.errors);
      const json: AnswerRequest = { level: current, body, visibility, anonymous };
      if (link.trim()) json.link = link.trim();
      if (picture.id) json.imageId = picture.id;
      idempotencyKey.current ??= newIdempotencyKey();
      const res = await api.prompts[':id'].submissions.$post(
        { param: { id: String(prompt.id) }, json },
        { headers: { 'Idempotency-Key': idempotencyKey.current } },
      );
      if (res.status !== 201) return showErrors(answerErrors(await errorOf(res), 'submit'));
      const result = await res.json();
      idempotencyKey.current = null;
      uploaded.current = null;
      const done: Posted = { level: current, points: result.points, onTime: result.onTime };
      setPosted(done);
      setBody('');
      setLink('');
      clearPhoto();
      setSketch(emptySketch);
      setSketchOpen(false);
      props.onAnswered(done, result);
      const next = remaining.find((l) => l !== current);
      if (next) onLevel(next);
      else requestAnimationFrame(() => resultRef.current?.focus());
    } catch {
      showErrors({ general: 'form.error.network' });
    } finally {
      setPosting(false);
    }
  }

  function clearPhoto() {
    setPhoto(null);
    if (photoInput.current) photoInput.current.value = '';
  }
  const onPhoto = (e: TargetedEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0] ?? null;
    setPhoto(file);
    if (file) setSketchOpen(false);
  };
  const openSketch = () => {
    clearPhoto();
    setSketchOpen(true);
  };

  return (
    <section class="answer-form" id="answer" aria-labelledby="answer-title">
      <h2 id="answer-title">{current ? t('form.heading', { level: levelName(current) }) : t('form.body')}</h2>
      <div id="answer-result" class="result" role="status" aria-live="polite" tabIndex={-1} ref={resultRef}>
        {posted && (
          <p class="status ok">
            {t(
              posted.points === 1
                ? posted.onTime ? 'form.postedOnTimeOne' : 'form.postedOne'
                : posted.onTime ? 'form.postedOnTime' : 'form.posted',
              { points: posted.points },
            )}
            {galleryHref && (
              <>
                {' '}
                <a href={galleryHref}>{t('today.gallery')}</a>
              </>
            )}
          </p>
        )}
      </div>
      {!current ? (
        <p>{t('today.bothAnswered')}</p>
      ) : (
        <form method="post" action={`/c/${slug}/answer`} encType="multipart/form-data" onSubmit={submit}>
          <input type="hidden" name="promptId" value={String(prompt.id)} />
          <Timer />
          <ChoiceGroup<Level>
            name="level"
            legend={t('form.level')}
            value={current}
            onChange={onLevel}
            error={err('level')}
            choices={(['easy', 'hard'] as const).map((l) => ({
              value: l,
              label: t('level.withPoints', { level: levelName(l), points: pointsOf(l) }),
              hint: answered.includes(l) ? t('level.answered') : undefined,
              disabled: answered.includes(l),
            }))}
          />
          <Field
            id="answer-body"
            label={t('form.body')}
            hint={t('form.bodyHint')}
            error={err('body')}
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
              <textarea
                {...aria}
                name="body"
                required
                maxLength={MAX_ANSWER_CHARS}
                rows={5}
                value={body}
                onInput={(e) => setBody(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="answer-link" label={t('form.link')} hint={t('form.linkHint')} error={err('link')}>
            {(aria) => (
              <input
                {...aria}
                type="url"
                name="link"
                inputMode="url"
                autoComplete="url"
                value={link}
                onInput={(e) => setLink(e.currentTarget.value)}
              />
            )}
          </Field>
          <fieldset class="picture" aria-describedby={`answer-image-hint${errors.image ? ' answer-image-error' : ''}`}>
            <legend>{t('form.image')}</legend>
            <p class="hint" id="answer-image-hint">
              {t('form.imageHint')}
            </p>
            <FieldError id="answer-image-error" error={err('image')} />
            <label for="answer-photo">{t('form.photo')}</label>
            <input
              ref={photoInput}
              id="answer-photo"
              type="file"
              name="photo"
              accept="image/png,image/jpeg,image/webp"
              capture="environment"
              onChange={onPhoto}
            />
            {photo && (
              <p class="actions">
                <span>{t('form.photoChosen', { name: photo.name })}</span>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    clearPhoto();
                    photoInput.current?.focus();
                  }}
                >
                  {t('form.photoRemove')}
                </button>
              </p>
            )}
            {hydrated && (
              <>
                {/* One toggle that keeps focus where it is; the pad itself is optional and never in the way. */}
                <p class="actions">
                  <button
                    type="button"
                    class="secondary"
                    aria-expanded={sketchOpen}
                    onClick={() => (sketchOpen ? setSketchOpen(false) : openSketch())}
                  >
                    {sketchOpen ? t('form.sketchClose') : t('form.sketchOpen')}
                  </button>
                </p>
                {sketchOpen && <SketchPad sketch={sketch} onChange={setSketch} id="answer-sketch" />}
              </>
            )}
          </fieldset>
          <ChoiceGroup<Visibility>
            name="visibility"
            legend={t('form.visibility')}
            value={visibility}
            onChange={setVisibility}
            error={err('visibility')}
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
            onChange={(v) => setAnonymous(v === 'true')}
            error={err('anonymous')}
            choices={[
              { value: 'false', label: t('form.identity.named'), hint: t('form.identity.namedHint') },
              { value: 'true', label: t('form.identity.anonymous'), hint: t('form.identity.anonymousHint') },
            ]}
          />
          <div id="answer-status" class="status error" role="alert" tabIndex={-1}>
            {errors.general && t(errors.general)}
          </div>
          <button type="submit" class="primary" disabled={posting}>
            {posting ? t('form.posting') : t('form.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
