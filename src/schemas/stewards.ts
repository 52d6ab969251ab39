/** The stewards' network dashboard and steward roles (issue 14). */
import { z } from 'zod';
import { createSeriesBody } from './index';

export const NETWORK_SORTS = ['name', 'members', 'rate', 'health', 'lastAnswer', 'lastSpotlight', 'lastSeries', 'lastModeration'] as const;
export const NETWORK_FILTERS = ['all', 'quiet', 'showcase'] as const;
/** Days without an answer after which a community is flagged as going quiet, unless the steward says otherwise. */
export const DEFAULT_QUIET_DAYS = 14;

export const networkQuery = z.object({
  sort: z.enum(NETWORK_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  filter: z.enum(NETWORK_FILTERS).default('all'),
  /** Absent: the steward's own setting (PATCH /api/network/settings), else DEFAULT_QUIET_DAYS. */
  quietDays: z.coerce.number().int().min(1).max(365).optional(),
});
export type NetworkQuery = z.infer<typeof networkQuery>;

export const networkSettingsBody = z.object({ quietDays: z.number().int().min(1).max(365) });

export const stewardBody = z.object({ email: z.email().max(254) });

// Actions from the dashboard (issue 14): notes to facilitators and series offers.
/** A note is a few sentences, like an answer: long enough to say why and offer help, short enough to read in a mail. */
export const NOTE_MAX = 2000;
export const noteBody = z.object({ body: z.string().trim().min(1).max(NOTE_MAX) });
export const offerBody = z.object({
  seriesId: z.number().int().positive(),
  /** The steward's word to the facilitators: why this series, what it did elsewhere. */
  note: z.string().trim().max(500).default(''),
});
export const acceptOfferBody = z.object({ startDate: createSeriesBody.shape.startDate });
