/**
 * The answer's picture: a photo (the camera on a phone) or a sketch drawn in the page. When the prompt asks
 * for one (lib/prompt-medium.ts) it leads the form, open; otherwise it waits behind "Add a sketch or a
 * photo". The sketch pad needs JavaScript, so without it a drawing prompt leads with the photo instead.
 */
import type { RefObject } from 'preact';
import { useI18n } from '../i18n';
import { useHydrated } from '../lib/hydrated';
import type { Medium } from '../lib/prompt-medium';
import type { Sketch } from '../lib/sketch-model';
import { FieldError } from './Field';
import { SketchPad } from './SketchPad';

export interface PictureFieldProps {
  medium: Medium;
  photo: File | null;
  photoInput: RefObject<HTMLInputElement | null>;
  onPhoto: (file: File | null) => void;
  sketchOpen: boolean;
  onSketchOpen: (open: boolean) => void;
  sketch: Sketch;
  onSketch: (sketch: Sketch) => void;
  error?: string | undefined;
}

export function PictureField(props: PictureFieldProps) {
  const { medium, photo, photoInput, onPhoto, sketchOpen, onSketchOpen, sketch, onSketch, error } = props;
  const { t } = useI18n();
  const hydrated = useHydrated();
  const sketchFirst = medium === 'sketch' && hydrated;

  const clearPhoto = () => {
    onPhoto(null);
    if (photoInput.current) photoInput.current.value = '';
  };
  const photoField = (
    <>
      <label for="answer-photo">{t(sketchFirst ? 'form.photoInstead' : 'form.photo')}</label>
      <input
        ref={photoInput}
        id="answer-photo"
        type="file"
        name="photo"
        accept="image/png,image/jpeg,image/webp"
        capture="environment"
        onChange={(e) => onPhoto(e.currentTarget.files?.[0] ?? null)}
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
    </>
  );
  // A toggle that keeps focus where it is; a chosen photo and an open pad exclude each other.
  const sketchToggle = hydrated && (
    <p class="actions">
      <button
        type="button"
        class="secondary"
        aria-expanded={sketchOpen}
        onClick={() => {
          if (!sketchOpen) clearPhoto();
          onSketchOpen(!sketchOpen);
        }}
      >
        {sketchOpen ? t('form.sketchClose') : t('form.sketchOpen')}
      </button>
    </p>
  );
  const pad = hydrated && sketchOpen && <SketchPad sketch={sketch} onChange={onSketch} id="answer-sketch" />;
  const body = (
    <>
      {/* The pad says how to draw; the photo hint is for the other two layouts. */}
      {!sketchFirst && (
        <p class="hint" id="answer-image-hint">
          {t('form.imageHint')}
        </p>
      )}
      <FieldError id="answer-image-error" error={error} />
      {sketchFirst ? (
        <>
          {pad || sketchToggle}
          {photoField}
        </>
      ) : (
        <>
          {photoField}
          {sketchToggle}
          {pad}
        </>
      )}
    </>
  );
  const describedBy = [!sketchFirst && 'answer-image-hint', error && 'answer-image-error'].filter(Boolean).join(' ') || undefined;

  if (medium === 'text') {
    return (
      <details class="picture add-picture" open={Boolean(error || photo || sketchOpen)}>
        <summary>{t('form.addPicture')}</summary>
        <fieldset class="picture" aria-describedby={describedBy}>
          <legend class="visually-hidden">{t('form.image')}</legend>
          {body}
        </fieldset>
      </details>
    );
  }
  return (
    <fieldset class="picture lead" aria-describedby={describedBy}>
      <legend>{t(medium === 'sketch' ? 'form.sketchLegend' : 'form.photoLegend')}</legend>
      {body}
    </fieldset>
  );
}
