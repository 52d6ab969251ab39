/** What is kept of a reply to the daily email: the member's words, not the quoted email nor the signature. */
import { describe, expect, it } from 'vitest';
import { replyAnswer } from '../../src/domain/mail/reply-text';

const daily = ['Today in Sketchers:', '', 'Easy: Draw your desk in 5 lines.', 'Answer now: https://kindling.example/mail/answer/x'];

describe('replyAnswer', () => {
  it("cuts Gmail's quote, also when its header line is wrapped", () => {
    const one = ['A mug, a lamp and far too many pens.', '', 'On Mon, 2 Mar 2026 at 07:00, Kindling <hello@kindling.example> wrote:', ...daily.map((l) => `> ${l}`)];
    expect(replyAnswer(one.join('\r\n'))).toEqual({ level: 'easy', body: 'A mug, a lamp and far too many pens.' });
    const wrapped = ['My desk is a kitchen table.', '', 'On Mon, 2 Mar 2026 at 07:00, Kindling <hello@kindling.example>', 'wrote:', '', ...daily];
    expect(replyAnswer(wrapped.join('\n'))).toEqual({ level: 'easy', body: 'My desk is a kitchen table.' });
  });

  it("cuts French mail programs' quotes and Outlook's original message", () => {
    const fr = ['Une tasse et trois crayons.', '', 'Le lun. 2 mars 2026 à 07:00, Kindling <hello@kindling.example> a écrit :', '> Aujourd’hui…'];
    expect(replyAnswer(fr.join('\n'))?.body).toBe('Une tasse et trois crayons.');
    const outlook = ['Two screens and a plant.', '', '________________________________', 'From: Kindling <hello@kindling.example>', 'Sent: Monday, March 2, 2026 7:00 AM', ...daily];
    expect(replyAnswer(outlook.join('\n'))?.body).toBe('Two screens and a plant.');
    const bare = ['A notebook.', 'From: Kindling <hello@kindling.example>', 'To: mo@example.org', ...daily];
    expect(replyAnswer(bare.join('\n'))?.body).toBe('A notebook.');
  });

  it('keeps a line that only looks like a header, when no header follows it', () => {
    expect(replyAnswer('From: my window I see the harbour.\nThat is my desk view.')?.body).toBe('From: my window I see the harbour.\nThat is my desk view.');
  });

  it('cuts signatures: the RFC 3676 delimiter and the mobile defaults', () => {
    expect(replyAnswer('Pens everywhere.\n\n-- \nDr Mo Ali\nWard 4')?.body).toBe('Pens everywhere.');
    expect(replyAnswer('Pens everywhere.\n\nSent from my iPhone')?.body).toBe('Pens everywhere.');
    expect(replyAnswer('Des stylos partout.\n\nEnvoyé de mon iPhone')?.body).toBe('Des stylos partout.');
  });

  it('drops quoted lines between the lines of a bottom-posted reply', () => {
    const text = ['> Easy: Draw your desk in 5 lines.', 'Five lines: done.', '> Hard: …', 'And the hard one another day.'].join('\n');
    expect(replyAnswer(text)?.body).toBe('Five lines: done.\nAnd the hard one another day.');
  });

  it('answers the harder option when the reply begins with "hard:" (or "difficile :")', () => {
    expect(replyAnswer('hard: I drew it from memory, eyes closed.')).toEqual({ level: 'hard', body: 'I drew it from memory, eyes closed.' });
    expect(replyAnswer('Difficile : de mémoire.')).toEqual({ level: 'hard', body: 'de mémoire.' });
    expect(replyAnswer('Easy - a lamp.')).toEqual({ level: 'easy', body: 'a lamp.' });
  });

  it('is null when nothing of the member is left', () => {
    expect(replyAnswer('')).toBeNull();
    expect(replyAnswer('\n\nOn Mon, 2 Mar 2026, Kindling wrote:\n> hello')).toBeNull();
    expect(replyAnswer('hard:   \n-- \nMo')).toBeNull();
  });
});
