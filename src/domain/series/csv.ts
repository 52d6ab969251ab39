/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field quoted when it holds a
 * comma, a quote or a line break, inner quotes doubled. A few lines of our own rather than a dependency,
 * because the reader must stop after a number of records: an oversized import is refused before the rest
 * of the file is parsed.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted only when it has to be. */
export const csvField = (value: string) => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Records to CSV text, each record ended by CRLF. */
export const toCsv = (records: string[][]) => records.map((r) => r.map(csvField).join(',') + '\r\n').join('');

export type CsvRead =
  | { ok: true; records: string[][]; /** More records than `maxRecords` follow. */ truncated: boolean }
  | { ok: false; record: number; message: string };

/**
 * Parses CSV text (LF, CRLF or CR line ends; a leading byte-order mark is ignored; blank lines are skipped).
 * Reads at most `maxRecords` records and says whether more follow. A quote left open or a character after a
 * closing quote fails with the 1-based number of the record where it happened.
 */
export function readCsv(text: string, maxRecords: number): CsvRead {
  const records: string[][] = [];
  let record: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endRecord = () => {
    // A blank line is one empty field: not a record.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < n) {
    if (records.length === maxRecords) return { ok: true, records, truncated: true };
    let field: string;
    if (text[i] === '"') {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return { ok: false, record: records.length + 1, message: 'a quoted field is never closed' };
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      if (i < n && !',\r\n'.includes(text[i]!)) {
        return { ok: false, record: records.length + 1, message: 'a closing quote must end its field' };
      }
      field = value;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    const c = text[i];
    if (c === ',') {
      i++;
      if (i === n) record.push('');
    } else {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
    }
  }
  if (record.length) endRecord();
  if (records.length > maxRecords) return { ok: true, records: records.slice(0, maxRecords), truncated: true };
  return { ok: true, records, truncated: false };
}
