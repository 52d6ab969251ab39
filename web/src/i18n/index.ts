/** Picks the catalog and fills placeholders. Pages get `t` from context so server and client render alike. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './en';
import { fr } from './fr';

export const languages = ['en', 'fr'] as const;
export type Lang = (typeof languages)[number];
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, fr };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** The member's explicit choice wins; otherwise the browser's preferred language we support; otherwise English. */
export function pickLang(choice: string | undefined, acceptLanguage: string | undefined): Lang {
  if (choice === 'en' || choice === 'fr') return choice;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (wanted.find((w) => w.lang === 'en' || w.lang === 'fr')?.lang as Lang | undefined) ?? 'en';
}

export const I18n = createContext<{ lang: Lang; t: Translate }>({ lang: 'en', t: translator('en') });
export const useI18n = () => useContext(I18n);
