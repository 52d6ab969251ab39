/**
 * Answer by replying (issue 11): a daily email about one prompt carries `Reply-To: reply+<token>@…`, the
 * token signed for that member and prompt until the prompt's day ends (src/domain/reach/mail-tokens.ts).
 * The provider's inbound webhook hands the reply over; this finds who answers what, and with which words.
 *
 * A reply counts only from the member's own address: a forwarded daily email must not answer for them.
 */
import type { Db } from '../../../db/client';
import type { InboundMail } from '../../schemas/mail-inbound';
import { DomainError } from '../errors';
import { replyTarget } from '../reach/mail-links';
import { addressOf, replyTokenIn } from './reply-address';
import { replyAnswer } from './reply-text';

const noSuchReply = () => new DomainError('not_found', 'No reply address of ours among the recipients, or its link has expired');

/**
 * The member, prompt and answer a reply stands for. 404 when no recipient carries a valid, unexpired token
 * (or the member has left); 422 when it was sent from another address, or nothing is left once the quoted
 * email and the signature are cut.
 */
export async function inboundAnswer(db: Db, replyAddress: string, mail: InboundMail, now: Date) {
  const token = replyTokenIn(replyAddress, mail.to);
  if (!token) throw noSuchReply();
  const target = await replyTarget(db, token, now);
  if (!target) throw noSuchReply();
  if (addressOf(mail.from) !== target.caller.email.toLowerCase()) {
    throw new DomainError('reply_not_from_member', 'The reply was not sent from the address the email went to', {
      issues: [{ path: 'from', message: 'not the address the daily email went to' }],
    });
  }
  const answer = replyAnswer(mail.text);
  if (!answer) {
    throw new DomainError('invalid_input', 'text: nothing is left once the quoted email and the signature are removed', {
      issues: [{ path: 'text', message: 'nothing is left once the quoted email and the signature are removed' }],
    });
  }
  return { ...target, answer };
}
