/**
 * Reply addresses (answer by replying): the configured inbound address with a signed token after a `+`
 * (`reply+<token>@in.example.org`), and how to find that token again among a reply's recipients.
 */

/** `Name <a@b>` or `a@b`, lowercased. */
export function addressOf(field: string): string {
  const bracketed = /<([^<>]+)>/.exec(field);
  return (bracketed ? bracketed[1]! : field).trim().toLowerCase();
}

/** The address a member replies to: the configured one with the token after a `+`. */
export function replyAddressWith(replyAddress: string, token: string): string {
  const at = replyAddress.lastIndexOf('@');
  return `${replyAddress.slice(0, at)}+${token}${replyAddress.slice(at)}`;
}

/** The token in whichever recipient is a reply address of ours, or null. */
export function replyTokenIn(replyAddress: string, recipients: string[]): string | null {
  const at = replyAddress.lastIndexOf('@');
  const prefix = `${replyAddress.slice(0, at)}+`;
  const suffix = replyAddress.slice(at);
  for (const recipient of recipients.map(addressOf)) {
    if (recipient.length > prefix.length + suffix.length && recipient.startsWith(prefix) && recipient.endsWith(suffix)) {
      return recipient.slice(prefix.length, -suffix.length);
    }
  }
  return null;
}
