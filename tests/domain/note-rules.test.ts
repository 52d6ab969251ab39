import { describe, expect, it } from 'vitest';
import {
  canReadNote,
  counterpartLabel,
  mayReply,
  MAX_EXCHANGE_MESSAGES,
  noteRefusal,
  type NoteReader,
} from '../../src/domain/connect/note-rules';

const readers: NoteReader[] = ['sender', 'author', 'facilitator', 'member', 'outsider', 'visitor'];

describe('encouragement notes (issue 15)', () => {
  it('are read by the sender, the author and facilitators only', () => {
    expect(readers.filter(canReadNote)).toEqual(['sender', 'author', 'facilitator']);
  });

  it('never name the author of an anonymous answer to the sender', () => {
    const base = { answerAnonymous: true, authorName: 'Hidden Author', senderName: 'Sam' };
    expect(counterpartLabel({ ...base, reader: 'sender' })).toEqual({ kind: 'the_author' });
    expect(JSON.stringify(counterpartLabel({ ...base, reader: 'sender' }))).not.toContain('Hidden');
    expect(counterpartLabel({ ...base, answerAnonymous: false, reader: 'sender' })).toEqual({
      kind: 'named',
      name: 'Hidden Author',
    });
    expect(counterpartLabel({ ...base, reader: 'author' })).toEqual({ kind: 'named', name: 'Sam' });
    expect(counterpartLabel({ ...base, reader: 'member' })).toBeNull();
  });

  it('refuse notes on one’s own answer, when notes are off, when blocked, empty or over 280 characters', () => {
    const ok = { senderId: 's', authorId: 'a', authorNotesOff: false, senderBlockedByAuthor: false, text: 'Thanks' };
    expect(noteRefusal(ok)).toBeNull();
    expect(noteRefusal({ ...ok, authorId: 's' })).toBe('own_answer');
    expect(noteRefusal({ ...ok, authorNotesOff: true })).toBe('notes_off');
    expect(noteRefusal({ ...ok, senderBlockedByAuthor: true })).toBe('blocked');
    expect(noteRefusal({ ...ok, text: '   ' })).toBe('empty');
    expect(noteRefusal({ ...ok, text: 'é'.repeat(280) })).toBeNull();
    expect(noteRefusal({ ...ok, text: 'é'.repeat(281) })).toBe('too_long');
  });

  it('let the author reply once, then alternate, up to the message limit', () => {
    const flags = { authorNotesOff: false, senderBlockedByAuthor: false };
    const note = [{ from: 'sender' as const }];
    expect(mayReply({ ...flags, replier: 'author', messagesSoFar: note })).toBe(true);
    expect(mayReply({ ...flags, replier: 'sender', messagesSoFar: note })).toBe(false);
    const replied = [...note, { from: 'author' as const }];
    expect(mayReply({ ...flags, replier: 'author', messagesSoFar: replied })).toBe(false);
    expect(mayReply({ ...flags, replier: 'sender', messagesSoFar: replied })).toBe(true);
    expect(mayReply({ ...flags, replier: 'sender', messagesSoFar: replied, senderBlockedByAuthor: true })).toBe(false);
    const full = Array.from({ length: MAX_EXCHANGE_MESSAGES }, (_, i) => ({
      from: i % 2 === 0 ? ('sender' as const) : ('author' as const),
    }));
    expect(mayReply({ ...flags, replier: 'sender', messagesSoFar: full })).toBe(false);
    expect(mayReply({ ...flags, replier: 'author', messagesSoFar: [] })).toBe(false);
  });
});
