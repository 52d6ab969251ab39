/** Response types the pages share, inferred from the server's routes (never written by hand). */
import type { api, InferResponseType } from '../api';

export type GalleryPage = InferResponseType<(typeof api.prompts)[':id']['gallery']['$get'], 200>;
export type GalleryItem = GalleryPage['items'][number];
export type KudosCounts = GalleryItem['kudos'];
export type KudosKind = keyof KudosCounts;
export type Leaderboard = InferResponseType<(typeof api.communities)[':slug']['leaderboard']['$get'], 200>;

/** Recognition: the member's own badges, rhythm, ladder, nudges and notifications; rolls and public profiles. */
type Community = (typeof api.communities)[':slug'];
export type MyBadges = InferResponseType<Community['badges']['me']['$get'], 200>;
export type MyBadge = MyBadges['badges'][number];
export type MyRhythm = InferResponseType<Community['rhythm']['me']['$get'], 200>;
export type MyLadder = InferResponseType<Community['ladder']['me']['$get'], 200>;
export type LadderStage = MyLadder['stage'];
export type MyNudges = InferResponseType<typeof api.me.nudges.$get, 200>;
export type Nudge = MyNudges['nudges'][number];
export type Notifications = InferResponseType<typeof api.me.notifications.$get, 200>;
export type Notification = Notifications['items'][number];
export type WeekRoll = InferResponseType<Community['weeks'][':isoWeek']['$get'], 200>;
export type PublicProfile = InferResponseType<(typeof api.users)[':id']['profile']['$get'], 200>;
export type ShownBadge = PublicProfile['communities'][number]['badges'][number];

/** The author's tools for one answer. */
export type ShareText = InferResponseType<(typeof api.submissions)[':id']['share']['$get'], 200>;
export type AnswerSettings = InferResponseType<(typeof api.submissions)[':id']['$patch'], 200>;
export type Visibility = AnswerSettings['visibility'];
export type SpotlightQueue = InferResponseType<Community['spotlight-queue']['$get'], 200>;

/** Sharing and editing series: a series with its prompts, the edit log, the network library. */
export type SeriesView = InferResponseType<(typeof api.series)[':id']['$get'], 200>;
export type SeriesPrompt = SeriesView['prompts'][number];
export type PromptEditLog = InferResponseType<(typeof api.series)[':id']['edits']['$get'], 200>;
export type PromptEdit = PromptEditLog['edits'][number];
export type Library = InferResponseType<typeof api.library.$get, 200>;
export type LibraryEntry = Library['entries'][number];
/** Moderation (issue 12): the facilitators' queue, hidden answers and log. */
export type ModerationView = InferResponseType<Community['moderation']['$get'], 200>;

/** Chat webhooks (issue 11), as facilitators see them. */
export type ChatWebhooks = InferResponseType<Community['webhooks']['$get'], 200>;
export type ChatWebhook = ChatWebhooks['items'][number];
export type CommunityAnalytics = InferResponseType<Community['analytics']['$get'], 200>;
/** Stewards (issue 14): the network dashboard. */
export type NetworkDashboard = InferResponseType<typeof api.network.$get, 200>;
export type NetworkCommunity = NetworkDashboard['communities'][number];

/** Live sessions and helper credits (issue 15). */
export type LiveSessions = InferResponseType<Community['live-sessions']['$get'], 200>;
export type LiveSession = LiveSessions['upcoming'][number];
export type LiveSessionPage = InferResponseType<(typeof api)['live-sessions'][':id']['$get'], 200>;
export type SessionAnswer = LiveSessionPage['answers'][number];
export type MyCredits = InferResponseType<Community['credits']['me']['$get'], 200>;
export type HelpPrompts = InferResponseType<Community['help-prompts']['$get'], 200>;
export type HelpPrompt = HelpPrompts['featured'][number];
export type HelpPromptPage = InferResponseType<(typeof api)['help-prompts'][':id']['$get'], 200>;
