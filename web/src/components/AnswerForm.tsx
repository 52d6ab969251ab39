/**
 * The answer form, as short as the two-minute promise: the option, the prompt's own words, then what it asks
 * for first (the sketch pad or the camera for a drawing or photo prompt, else the text box); a link and the
 * "who sees it" choices wait folded. A sketch or a photo alone is a whole answer. Without JavaScript it is a
 * plain multipart POST to /c/:slug/answer; with it, the picture is uploaded to /api/images first, then the
 * answer goes to the API with one Idempotency-Key per answer, reused when the member retries.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorOf } from '../api';
import { useI18n } from '../i18n';
import { plural } from '../lib/words';
import { answerErrors, type AnswerErrors, type AnswerField } from '../lib/answer-errors';
import type { AnswerDraft, AnswerRequest, AnswerResult, Level, PromptView, Visibility } from '../lib/answer-types';
import { uploadPicture, type PictureSource, type UploadedPicture } from '../lib/answer-picture';
import { newIdempotencyKey } from '../lib/idempotency';
import { promptMedium } from '../lib/prompt-medium';
import { emptySketch, isEmpty, type Sketch } from '../lib/sketch-model';
import { AnswerText } from './AnswerText';
import { CelebrationProgress, type ProgressView } from './CelebrationProgress';
import { ChoiceGroup, Field } from './Field';
import { PictureField } from './PictureField';
import { PostingAs } from './PostingAs';
import { Timer } from './Timer';

// Kept here too: the form's tests and pages import them from the form.
export { COUNT_ANNOUNCE_MS, MAX_ANSWER_CHARS } from './AnswerText';

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
  /** With that answer: the week's rhythm and ladder stage, as the server read them. */
  progress?: ProgressView | null;
  galleryHref?: string | undefined;
  /** For the "Posting to … as …" line: the community's name and the member's (null while unset). */
  postingAs: { community: string; name: string | null };
  /** A public community the member has not joined yet: the answer joins it. */
  joins?: boolean;
}

/** Focus goes to the first field in error, in the form's order. */
const fieldOrder: [AnswerField, string][] = [
  ['level', 'level-easy'],
  ['image', 'answer-photo'],
  ['body', 'answer-body'],
  ['link', 'answer-link'],
  ['visibility', 'visibility-community'],
  ['anonymous', 'anonymous-false'],
  ['general', 'answer-status'],
];

export function AnswerForm(props: AnswerFormProps) {
  const { slug, prompt, answered, level, onLevel, draft, galleryHref } = props;
  const { t, lang } = useI18n();
  const [body, setBody] = useState(draft?.body ?? '');
  const [link, setLink] = useState(draft?.link ?? '');
  const [visibility, setVisibility] = useState<Visibility>(draft?.visibility ?? 'community');
  const [anonymous, setAnonymous] = useState(draft?.anonymous ?? false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [sketchOpen, setSketchOpen] = useState(() => startsWithSketch(prompt, draft?.level ?? level));
  const [sketch, setSketch] = useState<Sketch>(emptySketch);
  const [errors, setErrors] = useState<AnswerErrors>(props.errors ?? {});
  const [posting, setPosting] = useState(false);
  const [posted, setPosted] = useState<Posted | null>(props.posted ?? null);
  /** Once an answer is in, the member has joined: stop saying that posting joins. */
  const [joins, setJoins] = useState(props.joins ?? false);
  const photoInput = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  /** One key per answer: kept across retries, dropped once the answer is in. */
  const idempotencyKey = useRef<string | null>(null);
  /** The picture already uploaded for this answer, so a retry does not upload it again. */
  const uploaded = useRef<UploadedPicture | null>(null);
  const focusAfterErrors = useRef(false);

  useEffect(() => {
    if (!focusAfterErrors.current) return;
    focusAfterErrors.current = false;
    const first = fieldOrder.find(([field]) => errors[field]);
    if (first) document.getElementById(first[1])?.focus();
  }, [errors]);

  const remaining = (['easy', 'hard'] as const).filter((l) => !answered.includes(l));
  const current = level && remaining.includes(level) ? level : (remaining[0] ?? null);
  const medium = current ? promptMedium(prompt[current].text) : 'text';

  // Switching option switches the tool that leads, unless the member already drew or chose something.
  useEffect(() => {
    if (!photo && isEmpty(sketch)) setSketchOpen(medium === 'sketch');
  }, [medium]);
  const levelName = (l: Level) => t(l === 'easy' ? 'level.easy' : 'level.hard');
  const pointsOf = (l: Level) => plural(t, lang, 'points', prompt[l].points);
  const err = (field: AnswerField) => (errors[field] ? t(errors[field]!) : undefined);

  const showErrors = (next: AnswerErrors) => {
    focusAfterErrors.current = true;
    setErrors(next);
  };

  /** The picture to send, if any: a chosen photo wins; else a non-empty sketch while the pad is open. */
  const pictureSource = (): PictureSource | null => photo ?? (sketchOpen && !isEmpty(sketch) ? sketch : null);

  async function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (posting || !current) return;
    setPosting(true);
    setErrors({});
    try {
      const picture = await uploadPicture(pictureSource(), uploaded);
      if (picture.errors) return showErrors(picture.errors);
      const json: AnswerRequest = { level: current, visibility, anonymous };
      if (body.trim()) json.body = body;
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
      setJoins(false);
      setBody('');
      setLink('');
      clearPhoto();
      setSketch(emptySketch);
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
  const onPhoto = (file: File | null) => {
    setPhoto(file);
    if (file) setSketchOpen(false);
  };

  const picture = (
    <PictureField
      medium={medium}
      photo={photo}
      photoInput={photoInput}
      onPhoto={onPhoto}
      sketchOpen={sketchOpen}
      onSketchOpen={setSketchOpen}
      sketch={sketch}
      onSketch={setSketch}
      error={err('image')}
    />
  );

  return (
    <section class="answer-form" id="answer" aria-labelledby="answer-title">
      <h2 id="answer-title">{current ? t('form.heading', { level: levelName(current) }) : t('form.body')}</h2>
      <div id="answer-result" class="result" role="status" aria-live="polite" tabIndex={-1} ref={resultRef}>
        {posted && (
          <PostedNote
            key={posted.level}
            posted={posted}
            galleryHref={galleryHref}
            harderLeft={posted.level === 'easy' && remaining.includes('hard')}
            slug={slug}
            progress={posted === props.posted ? props.progress : null}
          />
        )}
      </div>
      {!current ? (
        <p>{t('today.bothAnswered')}</p>
      ) : (
        <form method="post" action={`/c/${slug}/answer`} encType="multipart/form-data" onSubmit={submit}>
          <input type="hidden" name="promptId" value={String(prompt.id)} />
          <ChoiceGroup<Level>
            name="level"
            legend={t('form.level')}
            compact
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
          <blockquote class="prompt-quote" id="answer-prompt">
            {prompt[current].text}
          </blockquote>
          {medium !== 'text' && picture}
          <AnswerText value={body} onInput={setBody} leads={medium === 'text'} error={err('body')} />
          {medium === 'text' && picture}
          <details class="add-link" open={Boolean(errors.link || link)}>
            <summary>{t('form.addLink')}</summary>
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
          </details>
          <PostingAs
            community={props.postingAs.community}
            name={props.postingAs.name}
            visibility={visibility}
            anonymous={anonymous}
            onVisibility={setVisibility}
            onAnonymous={setAnonymous}
            errors={{ visibility: err('visibility'), anonymous: err('anonymous') }}
          />
          {joins && <p class="hint">{t('form.joinsWithAnswer', { community: props.postingAs.community })}</p>}
          <div id="answer-status" class="status error" role="alert" tabIndex={-1}>
            {errors.general && t(errors.general)}
          </div>
          <button type="submit" class="primary" disabled={posting}>
            {posting ? t('form.posting') : t('form.submit')}
          </button>
          <Timer />
        </form>
      )}
    </section>
  );
}

/** The pad is open from the start for a drawing prompt (the first level still open if none was picked). */
function startsWithSketch(prompt: PromptView, level: Level | null): boolean {
  const l = level && !prompt.answered.includes(level) ? level : (['easy', 'hard'] as const).find((x) => !prompt.answered.includes(x));
  return l ? promptMedium(prompt[l].text) === 'sketch' : false;
}

/**
 * A short, calm celebration once the answer is in: what happened (the points, the on-time bonus, the week's
 * rhythm), the next step on the confidence ladder, the harder option when it is still open, and the way to
 * the gallery.
 */
function PostedNote(props: { posted: Posted; galleryHref?: string | undefined; harderLeft: boolean; slug: string; progress?: ProgressView | null }) {
  const { posted, galleryHref, harderLeft } = props;
  const { t, lang } = useI18n();
  return (
    <div class="status ok celebration">
      <p class="celebration-title">{t('today.celebrate')}</p>
      <p>{plural(t, lang, posted.onTime ? 'form.postedOnTime' : 'form.posted', posted.points)}</p>
      <CelebrationProgress slug={props.slug} progress={props.progress} />
      {harderLeft && <p>{t('today.nextHarder')}</p>}
      {galleryHref && (
        <p>
          <a class="button secondary" href={galleryHref}>
            {t('today.seeGallery')}
          </a>
        </p>
      )}
    </div>
  );
}
