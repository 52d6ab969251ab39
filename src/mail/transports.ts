import type { Mailer } from '../deps';

/** Hides most of an address so a log line can say who without saying who. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}

/** Development: print the mail's link (never its body) so a developer can sign in from the console. */
export const consoleMailer: Mailer = {
  async send(mail) {
    console.log(`[mail] to ${maskEmail(mail.to)}: ${mail.subject}${mail.actionUrl ? `\n       ${mail.actionUrl}` : ''}`);
  },
};

/** Mail stays in the outbox (tests read it there), with its link until the link expires. */
export const noMailer: Mailer = {
  async send() {},
  readsFromOutbox: true,
};
