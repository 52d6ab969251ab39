/**
 * Encouragement notes (issue 15): pure rules for who may read a note, what each reader sees and
 * when a note may be sent or answered. The store and routes (later slice) apply these.
 *
 * The sender of a note on an anonymous answer must never learn the author: the sender only ever
 * sees their own messages and the author's replies labelled "the author".
 */

export const MAX_NOTE_LENGTH = 280;
/** A note plus replies: the exchange stops at this many messages. */
export const MAX_EXCHANGE_MESSAGES = 4;
/** Starters a note begins with; the text after them is the member's own. */
export const NOTE_STARTERS = ['helped_me_because', 'love_to_hear_more', 'thank_you_for'] as const;
export type NoteStarter = (typeof NOTE_STARTERS)[number];

export type NoteReader = 'sender' | 'author' | 'facilitator' | 'member' | 'outsider' | 'visitor';

/** Only the sender, the answer's author and the community's facilitators (moderation) read a note. */
export function canReadNote(reader: NoteReader): boolean {
  return reader === 'sender' || reader === 'author' || reader === 'facilitator';
}

/**
 * How the other side of the exchange is named for a reader: the sender never gets the author's
 * name when the answer is anonymous; the author and facilitators see the sender's name.
 */
export function counterpartLabel(input: {
  reader: NoteReader;
  answerAnonymous: boolean;
  authorName: string;
  senderName: string;
}): { kind: 'the_author' } | { kind: 'named'; name: string } | null {
  if (!canReadNote(input.reader)) return null;
  if (input.reader === 'sender') {
    return input.answerAnonymous ? { kind: 'the_author' } : { kind: 'named', name: input.authorName };
  }
  return { kind: 'named', name: input.senderName };
}

export type NoteRefusal = 'own_answer' | 'notes_off' | 'blocked' | 'too_long' | 'empty';

/** Why a new note may not be sent, or null when it may. */
export function noteRefusal(input: {
  senderId: string;
  authorId: string;
  authorNotesOff: boolean;
  senderBlockedByAuthor: boolean;
  text: string;
}): NoteRefusal | null {
  if (input.senderId === input.authorId) return 'own_answer';
  if (input.authorNotesOff) return 'notes_off';
  if (input.senderBlockedByAuthor) return 'blocked';
  const text = input.text.trim();
  if (!text) return 'empty';
  if ([...text].length > MAX_NOTE_LENGTH) return 'too_long';
  return null;
}

/**
 * Whose turn it is in an exchange: the author replies first (once), then turns alternate,
 * until MAX_EXCHANGE_MESSAGES. A block or notes-off ends the exchange for the sender.
 */
export function mayReply(input: {
  replier: 'sender' | 'author';
  messagesSoFar: { from: 'sender' | 'author' }[];
  authorNotesOff: boolean;
  senderBlockedByAuthor: boolean;
}): boolean {
  const { messagesSoFar } = input;
  if (messagesSoFar.length === 0 || messagesSoFar.length >= MAX_EXCHANGE_MESSAGES) return false;
  if (input.replier === 'sender' && (input.authorNotesOff || input.senderBlockedByAuthor)) return false;
  return messagesSoFar[messagesSoFar.length - 1]!.from !== input.replier;
}
