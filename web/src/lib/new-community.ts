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

/**
 * ICU still lists some zones under their old names; people search for the current ones ("Kolkata", "Kyiv").
 * Both names are valid IANA zones, so either is accepted; the list shows the current one.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Every IANA time zone the runtime knows, for the searchable list; UTC first, as some runtimes omit it. */
export function timeZoneNames(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const named = new Set(zones.map((z) => CURRENT_NAMES[z] ?? z));
  named.delete('UTC');
  return ['UTC', ...[...named].sort()];
}
