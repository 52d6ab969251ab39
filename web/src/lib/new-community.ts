/**
 * The "start a community" form: what it holds (as typed), and where each error path of POST /api/communities
 * is shown and in which words. Shared by the page and its server route.
 */
import type { MessageKey } from '../i18n';

export interface NewCommunityValues {
  name: string;
  slug: string;
  description: string;
  timeZone: string;
  /** As posted: a select's value, "0" to "23". */
  dayStartHour: string;
  visibility: 'public' | 'private';
}

export type NewCommunityField = keyof NewCommunityValues;
export const NEW_COMMUNITY_FIELDS: NewCommunityField[] = ['name', 'slug', 'description', 'timeZone', 'dayStartHour', 'visibility'];

export const emptyNewCommunity = (): NewCommunityValues => ({
  name: '',
  slug: '',
  description: '',
  timeZone: '',
  dayStartHour: '0',
  visibility: 'public',
});

const MESSAGES: Record<NewCommunityField, MessageKey> = {
  name: 'newCommunity.error.name',
  slug: 'newCommunity.error.slug',
  description: 'newCommunity.error.description',
  timeZone: 'newCommunity.error.timeZone',
  dayStartHour: 'newCommunity.error.dayStartHour',
  visibility: 'newCommunity.error.visibility',
};

/** One message per field, from the API's error paths (a taken slug has its own words). */
export function errorsOf(issues: { path: string; code?: string }[]): Partial<Record<NewCommunityField, MessageKey>> {
  const errors: Partial<Record<NewCommunityField, MessageKey>> = {};
  for (const issue of issues) {
    const field = NEW_COMMUNITY_FIELDS.find((f) => f === issue.path);
    if (!field || errors[field]) continue;
    errors[field] = issue.code === 'slug_taken' ? 'newCommunity.error.slugTaken' : MESSAGES[field];
  }
  return errors;
}

/** Every IANA time zone the runtime knows, for the searchable list; UTC first, as older runtimes omit it. */
export function timeZoneNames(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
