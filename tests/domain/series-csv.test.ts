/** The CSV reader and writer (RFC 4180) and the typo-fix rule, as pure functions. */
import { describe, expect, it } from 'vitest';
import { readCsv, toCsv } from '../../src/domain/series/csv';
import { editDistance, isTypoFix, typoAllowance } from '../../src/domain/series/typo-fix';

describe('CSV', () => {
  it('quotes only what needs it, and reads back what it wrote', () => {
    const records = [
      ['plain', 'with, comma', 'with "quotes"'],
      ['line\nbreak', 'crlf\r\nbreak', ''],
      ['accents: été, Ærø', 'emoji 🎨', '"'],
    ];
    const text = toCsv(records);
    expect(text.split('\r\n')[0]).toBe('plain,"with, comma","with ""quotes"""');
    expect(readCsv(text, 100)).toEqual({ ok: true, records, truncated: false });
  });

  it('reads LF, CR and CRLF line ends, a byte-order mark, blank lines, a missing final line end and a trailing empty field', () => {
    expect(readCsv('\uFEFFa,b\n\n1,2\r3,\r\n4,"5"', 100)).toEqual({ ok: true, records: [['a', 'b'], ['1', '2'], ['3', ''], ['4', '5']], truncated: false });
  });

  it('stops after the records asked for and says more follow', () => {
    expect(readCsv('a\nb\nc\n', 2)).toEqual({ ok: true, records: [['a'], ['b']], truncated: true });
    expect(readCsv('a\nb\n', 2)).toEqual({ ok: true, records: [['a'], ['b']], truncated: false });
  });

  it('fails on a quote never closed or text after a closing quote, naming the record', () => {
    expect(readCsv('a\n"open', 10)).toEqual({ ok: false, record: 2, message: 'a quoted field is never closed' });
    expect(readCsv('a\nb\n"x"y', 10)).toEqual({ ok: false, record: 3, message: 'a closing quote must end its field' });
  });
});

describe('typo fixes', () => {
  it('measures edit distance over code points, and gives up past a limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('café', 'cafe')).toBe(1);
    expect(editDistance('🎨a', 'a')).toBe(1);
    expect(editDistance('a'.repeat(100), 'b'.repeat(100), 5)).toBe(6);
  });

  it('allows 10 % of the length (at least 1, at most 20 characters)', () => {
    expect(typoAllowance('Draw a cup')).toBe(1);
    expect(typoAllowance('x'.repeat(95))).toBe(9);
    expect(typoAllowance('x'.repeat(500))).toBe(20);
    expect(isTypoFix('Draw a cup', 'Draw a cap')).toBe(true);
    expect(isTypoFix('Draw a cup', 'Draw a mug')).toBe(false);
    expect(isTypoFix('x'.repeat(500), 'y'.repeat(20) + 'x'.repeat(480))).toBe(true);
    expect(isTypoFix('x'.repeat(500), 'y'.repeat(21) + 'x'.repeat(479))).toBe(false);
  });
});
