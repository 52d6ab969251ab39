/** Limits the pages need as plain numbers: importing them from here keeps zod out of a page's JavaScript. */
export const COMMUNITY_DESCRIPTION_MAX = 500;
