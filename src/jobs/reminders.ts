/** The tick's mail round with its words: the catalogs live with the web app, the rules in the domain. */
import type { Db } from '../../db/client';
import { translator, type MessageKey } from '../../web/src/i18n';
import { plural } from '../../web/src/lib/words';
import type { MailWords } from '../domain/reach/mail-compose';
import type { MailLang } from '../domain/reach/mail-preferences';
import { queueReminders, type ReminderResult } from '../domain/reach/reminders';

const cache = new Map<MailLang, MailWords>();

/** The mail catalog in a language (the `mail.reach.*` keys of web/src/i18n). */
export function mailWords(lang: MailLang): MailWords {
  let words = cache.get(lang);
  if (!words) {
    const t = translator(lang);
    words = { say: (key, params) => t(key satisfies MessageKey, params), count: (base, n) => plural(t, lang, base, n) };
    cache.set(lang, words);
  }
  return words;
}

/** Where mailed links point when PUBLIC_URL is unset (development: the default Node address). */
export const DEFAULT_BASE_URL = 'http://localhost:8787';

export interface ReminderJobOptions {
  publicUrl?: string | undefined;
  /** Most members mailed in one run (default 5,000); the rest go at the next tick. */
  maxMembers?: number;
  /** MAIL_REPLY_ADDRESS: a daily email about one prompt can then be answered by replying. */
  replyAddress?: string | undefined;
}

export function runReminders(db: Db, now: Date, opts: ReminderJobOptions = {}): Promise<ReminderResult> {
  return queueReminders(db, now, { baseUrl: opts.publicUrl ?? DEFAULT_BASE_URL, words: mailWords, maxMembers: opts.maxMembers, replyAddress: opts.replyAddress });
}
