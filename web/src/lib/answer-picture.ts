/**
 * Uploads an answer's picture (a photo, made smaller first, or a sketch as PNG) to /api/images, once per answer:
 * a retry of the same answer reuses the id of the picture already uploaded.
 */
import { api, errorOf } from '../api';
import { answerErrors, type AnswerErrors } from './answer-errors';
import { preparePhoto } from './photo';
import { exportPng, type Sketch } from './sketch-model';

export type PictureSource = Blob | Sketch;
export type UploadedPicture = { source: PictureSource; id: string };

export async function uploadPicture(
  source: PictureSource | null,
  uploaded: { current: UploadedPicture | null },
): Promise<{ id?: string; errors?: AnswerErrors }> {
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
