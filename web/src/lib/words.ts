/** Helpers for words that depend on data: counted phrases, and catalog keys built from server ids. */
import { en } from '../i18n/en';
import type { Lang, MessageKey, Translate } from '../i18n';

/** A counted phrase's base key: the catalogs hold `base.other` and, where the language needs it, `base.one` etc. */
export type PluralBase = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

const rules = new Map<Lang, Intl.PluralRules>();
const ruleFor = (lang: Lang) => rules.get(lang) ?? rules.set(lang, new Intl.PluralRules(lang)).get(lang)!;

/**
 * `plural(t, lang, 'points', 3)` → "3 points". The language's own rule picks the form (French says "0 point",
 * English "0 points"); a form the catalog does not spell out falls back to `other`. `{count}` is always filled.
 */
export function plural(t: Translate, lang: Lang, base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  const key = `${base}.${ruleFor(lang).select(count)}`;
  return t(isMessageKey(key) ? key : (`${base}.other` as MessageKey), { count, ...params });
}

/** A key built from a server id (a badge id, a stage) is only used once the catalogs know it. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** The catalog's words for `key`, or the server's own words when the catalogs do not know it yet. */
export const wordsFor = (t: Translate, key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
