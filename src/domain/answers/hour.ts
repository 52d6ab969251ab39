/**
 * The time an anonymous answer shows to anyone but its community's facilitators: the start of its hour, so it
 * cannot be matched against its author's named answers. The gallery places it by the same hour in SQL
 * (GALLERY_KEY_SQL in db/schema/answers.ts).
 */
const HOUR_MS = 3_600_000;

export const hourOf = (ms: number): number => ms - (ms % HOUR_MS);
