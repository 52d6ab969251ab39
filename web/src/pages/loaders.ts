/** Client-side page loaders: one chunk per page, so the today page ships only the today page's code. */
import type { ComponentType } from 'preact';
import type { PageName } from './index';

export const loaders: Record<PageName, () => Promise<{ default: ComponentType<any> }>> = {
  Communities: () => import('./Communities'),
  Gallery: () => import('./Gallery'),
  Answer: () => import('./Answer'),
  Leaderboard: () => import('./Leaderboard'),
  Profile: () => import('./Profile'),
  SeriesEditor: () => import('./SeriesEditor'),
  Today: () => import('./Today'),
  SignIn: () => import('./SignIn'),
  Join: () => import('./Join'),
  NotFound: () => import('./NotFound'),
  MemberProfile: () => import('./MemberProfile'),
  WeekRoll: () => import('./WeekRoll'),
  SpotlightQueue: () => import('./SpotlightQueue'),
  Confirm: () => import('./Confirm'),
  MailLink: () => import('./MailLink'),
  Feeds: () => import('./Feeds'),
  SeriesPage: () => import('./SeriesPage'),
  Library: () => import('./Library'),
  NewCommunity: () => import('./NewCommunity'),
  TemplatePicker: () => import('./TemplatePicker'),
  DeleteAccount: () => import('./DeleteAccount'),
  Moderation: () => import('./Moderation'),
  ChatWebhooks: () => import('./ChatWebhooks'),
  Analytics: () => import('./Analytics'),
  Network: () => import('./Network'),
  NetworkCommunity: () => import('./NetworkCommunity'),
  SeriesOffers: () => import('./SeriesOffers'),
  FacilitatorsOnly: () => import('./FacilitatorsOnly'),
};
