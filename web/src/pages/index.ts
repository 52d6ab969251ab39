/**
 * Every page, by name, for the server renderer. The client hydrates from ./loaders.ts instead, which
 * splits each page into its own chunk. Add a page in both files.
 */
import type { ComponentType } from 'preact';
import Answer from './Answer';
import Communities from './Communities';
import Gallery from './Gallery';
import Leaderboard from './Leaderboard';
import Profile from './Profile';
import SeriesEditor from './SeriesEditor';
import Today from './Today';
import SignIn from './SignIn';
import Join from './Join';
import NotFound from './NotFound';
import ServerError from './ServerError';
import MemberProfile from './MemberProfile';
import WeekRoll from './WeekRoll';
import SpotlightQueue from './SpotlightQueue';
import Confirm from './Confirm';
import Feeds from './Feeds';
import SeriesPage from './SeriesPage';
import Library from './Library';
import NewCommunity from './NewCommunity';
import TemplatePicker from './TemplatePicker';
import DeleteAccount from './DeleteAccount';
import Moderation from './Moderation';
import ChatWebhooks from './ChatWebhooks';
import MailLink from './MailLink';
import Analytics from './Analytics';
import Network from './Network';
import NetworkCommunity from './NetworkCommunity';
import SeriesOffers from './SeriesOffers';
import FacilitatorsOnly from './FacilitatorsOnly';
import Helpers from './Helpers';
import LiveSessions from './LiveSessions';
import LiveSession from './LiveSession';
import HelpPrompt from './HelpPrompt';

export const pages = {
  Communities,
  Gallery,
  Answer,
  Leaderboard,
  Profile,
  SeriesEditor,
  Today,
  SignIn,
  Join,
  NotFound,
  ServerError,
  MemberProfile,
  WeekRoll,
  SpotlightQueue,
  Confirm,
  Feeds,
  SeriesPage,
  Library,
  NewCommunity,
  TemplatePicker,
  DeleteAccount,
  Moderation,
  ChatWebhooks,
  MailLink,
  Analytics,
  Network,
  NetworkCommunity,
  SeriesOffers,
  FacilitatorsOnly,
  Helpers,
  LiveSessions,
  LiveSession,
  HelpPrompt,
} satisfies Record<string, ComponentType<any>>;

export type PageName = keyof typeof pages;
export type PagePropsOf<N extends PageName> = Parameters<(typeof pages)[N]>[0];
