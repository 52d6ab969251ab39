/**
 * What a member wrote in a reply to the daily email, without what their mail program added: the quoted
 * email below (or above) it, and the signature. Mail programs mark these in a handful of ways; a reply
 * that fits none of them is kept whole, which errs on the side of keeping the member's words.
 *
 * A first line starting with "hard:" (or "difficile :") answers the harder option; "easy:" / "facile :" or
 * nothing answers the easy one.
 */

export interface ReplyAnswer {
  level: 'easy' | 'hard';
  body: string;
}

/** Lines from which on everything is the quoted original. */
const QUOTE_STARTS = [
  /^On\b.*\bwrote:\s*$/i, // Gmail, Apple Mail: "On Mon, 2 Mar 2026 at 07:00, Kindling <…> wrote:"
  /^Le\b.*\ba écrit\s*:\s*$/i, // the same in French
  /^-{2,}\s*(Original Message|Message d['’]origine)\s*-{2,}\s*$/i, // Outlook (older), Thunderbird
  /^_{8,}\s*$/, // Outlook: a rule, then "From: … Sent: …"
  /^(From|De)\s?:\s.+$/i, // Outlook without the rule, when the next lines are the original's headers
];

/** Lines from which on everything is the signature (RFC 3676's "-- " and the mobile defaults). */
const SIGNATURE_STARTS = [/^--\s?$/, /^Sent from my\b/i, /^Envoyé de mon\b/i, /^Get Outlook for\b/i, /^Obtenir Outlook pour\b/i];

const LEVEL_PREFIX = /^\s*(hard|difficile|easy|facile)\s*[:–—-]\s*/i;

/** A "From:" line only starts the quote when a header the original would have ("Sent:", "To:") follows. */
function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  const index = QUOTE_STARTS.findIndex((re) => re.test(line));
  if (index === -1) {
    // Gmail wraps a long "On … wrote:" over two lines.
    return /^(On|Le)\b/i.test(line) && i + 1 < lines.length && /\b(wrote|a écrit)\s*:\s*$/i.test(lines[i + 1]!.trim());
  }
  if (index < QUOTE_STARTS.length - 1) return true;
  return lines.slice(i + 1, i + 4).some((next) => /^(Sent|Envoyé|To|À|Date|Subject|Objet)\s?:/i.test(next.trim()));
}

/** The member's answer in a reply's plain text, or null when nothing of theirs is left. */
export function replyAnswer(text: string): ReplyAnswer | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (startsQuote(lines, i) || SIGNATURE_STARTS.some((re) => re.test(line.trim()))) break;
    // Quoted lines interleaved with the reply (bottom-posting) are the original's, not the member's.
    if (/^\s*>/.test(line)) continue;
    kept.push(line.trimEnd());
  }
  let body = kept.join('\n').trim();
  let level: ReplyAnswer['level'] = 'easy';
  const prefix = LEVEL_PREFIX.exec(body);
  if (prefix) {
    level = /^(hard|difficile)$/i.test(prefix[1]!) ? 'hard' : 'easy';
    body = body.slice(prefix[0].length).trim();
  }
  // Runs of blank lines left where quotes were cut out.
  body = body.replace(/\n{3,}/g, '\n\n');
  return body ? { level, body } : null;
}
