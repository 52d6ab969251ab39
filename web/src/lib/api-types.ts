/** Response types the pages share, inferred from the server's routes (never written by hand). */
import type { api, InferResponseType } from '../api';

export type GalleryPage = InferResponseType<(typeof api.prompts)[':id']['gallery']['$get'], 200>;
export type GalleryItem = GalleryPage['items'][number];
export type KudosCounts = GalleryItem['kudos'];
export type KudosKind = keyof KudosCounts;
export type Leaderboard = InferResponseType<(typeof api.communities)[':slug']['leaderboard']['$get'], 200>;
