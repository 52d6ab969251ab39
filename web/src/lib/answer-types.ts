/** Types of the today page and the answer flow, all derived from the API's own (never written by hand). */
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from '../api';

type TodayEndpoint = (typeof api.communities)[':slug']['today']['$get'];
type AnswerEndpoint = (typeof api.prompts)[':id']['submissions']['$post'];

export type TodayPrompt = InferResponseType<TodayEndpoint, 200>['prompts'][number];
export type AnswerRequest = InferRequestType<AnswerEndpoint>['json'];
export type AnswerResult = InferResponseType<AnswerEndpoint, 201>;
export type UploadResult = InferResponseType<(typeof api.images)['$post'], 201>;
export type Level = AnswerRequest['level'];
export type Visibility = NonNullable<AnswerRequest['visibility']>;

/** A prompt as the today page shows it: the API's prompt plus the levels the viewer already answered. */
export type PromptView = TodayPrompt & { answered: Level[] };

/** What a failed no-JavaScript post sends back into the form, so nothing typed is lost. */
export interface AnswerDraft {
  level: Level;
  body: string;
  link: string;
  visibility: Visibility;
  anonymous: boolean;
}
