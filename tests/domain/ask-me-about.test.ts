import { describe, expect, it } from 'vitest';
import {
  askMeAboutFor,
  cleanTopics,
  derivePracticeAreas,
  matchesHelperSearch,
  MAX_OWN_TOPICS,
} from '../../src/domain/connect/ask-me-about';

const named = (seriesTitle: string | null) => ({ anonymous: false, seriesTitle });
const anonymous = (seriesTitle: string | null) => ({ anonymous: true, seriesTitle });

describe('"ask me about" (issue 15)', () => {
  it('shows nothing at all for a member who has not opted in', () => {
    expect(askMeAboutFor({ optedIn: false, topics: ['Retrospectives'], answers: [named('Facilitation')] })).toBeNull();
  });

  it('shows own topics and the series answered under their name once opted in', () => {
    expect(
      askMeAboutFor({
        optedIn: true,
        topics: ['Retrospectives'],
        answers: [named('Facilitation'), named('Sketching'), named('Facilitation')],
      }),
    ).toEqual({
      topics: ['Retrospectives'],
      practiceAreas: [
        { label: 'Facilitation', namedAnswers: 2 },
        { label: 'Sketching', namedAnswers: 1 },
      ],
    });
  });

  it('never lets an anonymous answer contribute a practice area or a count', () => {
    const areas = derivePracticeAreas([anonymous('Secret series'), anonymous('Facilitation'), named('Facilitation')]);
    expect(areas).toEqual([{ label: 'Facilitation', namedAnswers: 1 }]);
    expect(JSON.stringify(areas)).not.toContain('Secret series');
  });

  it('ignores one-off prompts that have no series to name', () => {
    expect(derivePracticeAreas([named(null)])).toEqual([]);
  });

  it('cleans topics: trimmed, deduplicated without regard to case, at most five', () => {
    expect(cleanTopics(['  Story   maps ', 'story maps', '', 'a', 'b', 'c', 'd', 'e'])).toEqual([
      'Story maps',
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(cleanTopics(['x'.repeat(100)])[0]).toHaveLength(60);
    expect(cleanTopics(Array.from({ length: 9 }, (_, i) => `t${i}`))).toHaveLength(MAX_OWN_TOPICS);
  });

  it('searches topics and practice areas without regard to case', () => {
    const entry = { topics: ['Retrospectives'], practiceAreas: [{ label: 'Facilitation', namedAnswers: 1 }] };
    expect(matchesHelperSearch(entry, 'retro')).toBe(true);
    expect(matchesHelperSearch(entry, 'FACIL')).toBe(true);
    expect(matchesHelperSearch(entry, 'pottery')).toBe(false);
    expect(matchesHelperSearch(entry, '  ')).toBe(true);
  });
});
