/** Helpers for words that depend on data: counted phrases, and catalog keys built from server ids. */
import { en } from '../i18n/en';
import type { Lang, MessageKey, Translate } from '../i18n';

/** English takes the singular for 1 only, French for 0 and 1. */
export const isOne = (lang: Lang, n: number) => (lang === 'fr' ? n <= 1 : n === 1);

/** `t(one or many, { count: n, ...params })`: both keys take `{count}`. */
export function counted(
  t: Translate,
  lang: Lang,
  n: number,
  keys: { one: MessageKey; many: MessageKey },
  params: Record<string, string | number> = {},
): string {
  return t(isOne(lang, n) ? keys.one : keys.many, { count: n, ...params });
}

/** A key built from a server id (a badge id, a stage) is only used once the catalogs know it. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** The catalog's words for `key`, or the server's own words when the catalogs do not know it yet. */
export const wordsFor = (t: Translate, key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
