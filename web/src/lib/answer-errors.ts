/**
 * Turns an API error into messages from the catalogs, placed next to the field it names
 * (error.issues[].path), so the server's English never reaches a French page. Used by the answer form
 * in the browser and by the no-JavaScript form post on the server.
 */
import type { MessageKey } from '../i18n';

export type AnswerField = 'level' | 'body' | 'link' | 'image' | 'visibility' | 'anonymous' | 'general';
export type AnswerErrors = Partial<Record<AnswerField, MessageKey>>;

interface ErrorLike {
  code: string;
  issues?: { path: string }[] | undefined;
}

const fieldMessages: Record<Exclude<AnswerField, 'general'>, MessageKey> = {
  level: 'form.error.level',
  body: 'form.error.bodyOrPicture',
  link: 'form.error.link',
  image: 'form.error.image',
  visibility: 'form.error.choice',
  anonymous: 'form.error.choice',
};

const codeMessages: Record<string, MessageKey> = {
  already_answered: 'form.error.alreadyAnswered',
  unauthenticated: 'form.error.signIn',
  forbidden: 'form.error.join',
  not_found: 'error.notFound',
  prompt_not_open: 'form.error.closed',
  series_not_running: 'form.error.closed',
  session_not_live: 'form.error.closed',
  network: 'form.error.network',
  internal: 'form.error.network',
  rate_limited: 'error.rateLimited',
};

const submissionFields: Record<string, Exclude<AnswerField, 'general'>> = {
  level: 'level',
  body: 'body',
  link: 'link',
  imageId: 'image',
  photo: 'image',
  visibility: 'visibility',
  anonymous: 'anonymous',
};

/**
 * `stage` says which request failed: every failure of the image upload belongs to the picture, whatever its
 * path says (the raw upload's path `body` is the picture, not the answer's text).
 */
export function answerErrors(error: ErrorLike, stage: 'upload' | 'submit'): AnswerErrors {
  if (stage === 'upload') {
    if (error.code === 'unauthenticated' || error.code === 'forbidden' || error.code === 'network' || error.code === 'rate_limited') {
      return { general: codeMessages[error.code] };
    }
    return { image: error.code === 'too_many_uploads' ? 'form.error.tooManyImages' : 'form.error.image' };
  }
  const out: AnswerErrors = {};
  for (const issue of error.issues ?? []) {
    const field = submissionFields[issue.path];
    if (field) out[field] = field === 'image' && error.code === 'image_unavailable' ? 'form.error.imageAgain' : fieldMessages[field];
  }
  if (Object.keys(out).length === 0) out.general = codeMessages[error.code] ?? 'error.generic';
  return out;
}
