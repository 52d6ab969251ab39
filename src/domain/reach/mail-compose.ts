/**
 * Writes one member's reminder or digest, text and HTML, from sections already gathered (one per community
 * the mail covers). Pure: the words come from the catalogs through `MailWords`, so the same mail reads the
 * same in any home, and the bench can render 100,000 of them without touching the database.
 */

export type MailKey =
  | 'mail.reach.subject.reminder'
  | 'mail.reach.subject.digest'
  | 'mail.reach.subject.many'
  | 'mail.reach.today'
  | 'mail.reach.easy'
  | 'mail.reach.hard'
  | 'mail.reach.answer'
  | 'mail.reach.week'
  | 'mail.reach.stillOpen'
  | 'mail.reach.noneOpen'
  | 'mail.reach.roll'
  | 'mail.reach.steppedDown'
  | 'mail.reach.stop'
  | 'mail.reach.settings'
  | 'mail.reach.goal'
  | 'mail.reach.reply'
  | 'mail.reach.live'
  | 'mail.reach.liveSoon';
export type MailCountKey = 'mail.reach.answers' | 'mail.reach.kudos';

/** The catalog, in the member's language. */
export interface MailWords {
  say(key: MailKey, params?: Record<string, string | number>): string;
  count(base: MailCountKey, n: number): string;
}

export interface PromptText {
  easy: string;
  hard: string;
}

interface SectionBase {
  community: { name: string };
  /** Stops this community's mail (a one-click link; the page asks before it changes anything). */
  unsubscribeUrl: string;
}

/** A live session a mail announces (issue 15): its time on the community's clock, and its page. */
export interface MailSession {
  title: string;
  when: string;
  url: string;
}

export interface ReminderSection extends SectionBase {
  kind: 'reminder';
  prompt: PromptText;
  answerUrl: string;
  /** The mail has a reply address for this prompt (answer by replying): say so, and who sees such answers. */
  replyable?: boolean;
  /** Live sessions starting within the coming day. */
  sessions?: MailSession[];
}

export interface DigestSection extends SectionBase {
  kind: 'digest';
  /** The week's prompts still open, newest first, each with its answer link. */
  open: (PromptText & { answerUrl: string })[];
  /** The member's rhythm: days with an answer in the last seven, and their weekly goal if they set one. */
  answerDays: number;
  goal: number | null;
  kudosReceived: number;
  /** The latest weekly shout-out roll's page, when there is one. */
  rollUrl: string | null;
  /** Daily mail was stepped down to this digest: say so, and how to get it back. */
  steppedDown: boolean;
  /** Live sessions starting within the coming week (issue 15), each with its page. */
  sessions?: MailSession[];
}

export type MailSection = ReminderSection | DigestSection;

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function subject(w: MailWords, sections: MailSection[]): string {
  if (sections.length > 1) return w.say('mail.reach.subject.many', { count: sections.length });
  const only = sections[0]!;
  return w.say(only.kind === 'reminder' ? 'mail.reach.subject.reminder' : 'mail.reach.subject.digest', { community: only.community.name });
}

function promptLines(w: MailWords, p: PromptText) {
  return [w.say('mail.reach.easy', { text: p.easy }), w.say('mail.reach.hard', { text: p.hard })];
}

const rhythmLine = (w: MailWords, s: DigestSection) =>
  w.count('mail.reach.answers', s.answerDays) + (s.goal === null ? '' : ` ${w.say('mail.reach.goal', { goal: s.goal })}`);

function sessionLines(w: MailWords, title: MailKey, sessions: MailSession[] | undefined): string[] {
  if (!sessions?.length) return [];
  return ['', w.say(title), ...sessions.map((live) => `- ${live.when}: ${live.title} ${live.url}`)];
}

function sessionHtml(w: MailWords, title: MailKey, sessions: MailSession[] | undefined): string {
  if (!sessions?.length) return '';
  const items = sessions.map((live) => `<li>${esc(live.when)}: <a href="${esc(live.url)}">${esc(live.title)}</a></li>`).join('');
  return `<h3>${esc(w.say(title))}</h3><ul>${items}</ul>`;
}

function sectionText(w: MailWords, s: MailSection): string[] {
  const name = s.community.name;
  if (s.kind === 'reminder') {
    const reply = s.replyable ? ['', w.say('mail.reach.reply')] : [];
    return [w.say('mail.reach.today', { community: name }), '', ...promptLines(w, s.prompt), '', `${w.say('mail.reach.answer')}: ${s.answerUrl}`, ...reply, ...sessionLines(w, 'mail.reach.liveSoon', s.sessions)];
  }
  const lines = [w.say('mail.reach.week', { community: name }), ''];
  if (s.steppedDown) lines.push(w.say('mail.reach.steppedDown'), '');
  lines.push(rhythmLine(w, s), w.count('mail.reach.kudos', s.kudosReceived), '');
  if (s.open.length === 0) lines.push(w.say('mail.reach.noneOpen'));
  else {
    lines.push(w.say('mail.reach.stillOpen'));
    for (const p of s.open) lines.push('', ...promptLines(w, p), `${w.say('mail.reach.answer')}: ${p.answerUrl}`);
  }
  if (s.rollUrl) lines.push('', `${w.say('mail.reach.roll')}: ${s.rollUrl}`);
  lines.push(...sessionLines(w, 'mail.reach.live', s.sessions));
  return lines;
}

function promptHtml(w: MailWords, p: PromptText, answerUrl: string): string {
  return (
    `<ul><li>${esc(w.say('mail.reach.easy', { text: p.easy }))}</li><li>${esc(w.say('mail.reach.hard', { text: p.hard }))}</li></ul>` +
    `<p><a href="${esc(answerUrl)}">${esc(w.say('mail.reach.answer'))}</a></p>`
  );
}

function sectionHtml(w: MailWords, s: MailSection): string {
  const name = s.community.name;
  if (s.kind === 'reminder') {
    const reply = s.replyable ? `<p>${esc(w.say('mail.reach.reply'))}</p>` : '';
    return `<h2>${esc(w.say('mail.reach.today', { community: name }))}</h2>${promptHtml(w, s.prompt, s.answerUrl)}${reply}${sessionHtml(w, 'mail.reach.liveSoon', s.sessions)}`;
  }
  let html = `<h2>${esc(w.say('mail.reach.week', { community: name }))}</h2>`;
  if (s.steppedDown) html += `<p>${esc(w.say('mail.reach.steppedDown'))}</p>`;
  html += `<p>${esc(rhythmLine(w, s))} ${esc(w.count('mail.reach.kudos', s.kudosReceived))}</p>`;
  if (s.open.length === 0) html += `<p>${esc(w.say('mail.reach.noneOpen'))}</p>`;
  else html += `<h3>${esc(w.say('mail.reach.stillOpen'))}</h3>${s.open.map((p) => promptHtml(w, p, p.answerUrl)).join('')}`;
  if (s.rollUrl) html += `<p><a href="${esc(s.rollUrl)}">${esc(w.say('mail.reach.roll'))}</a></p>`;
  html += sessionHtml(w, 'mail.reach.live', s.sessions);
  return html;
}

/** The mail for one member: a part per community, then how to stop each and where the settings are. */
export function composeMail(w: MailWords, sections: MailSection[], settingsUrl: string, lang: 'en' | 'fr'): ComposedMail {
  const text: string[] = [];
  for (const s of sections) text.push(...sectionText(w, s), '', '—', '');
  for (const s of sections) text.push(`${w.say('mail.reach.stop', { community: s.community.name })}: ${s.unsubscribeUrl}`);
  text.push(`${w.say('mail.reach.settings')}: ${settingsUrl}`);
  const footer =
    sections.map((s) => `<a href="${esc(s.unsubscribeUrl)}">${esc(w.say('mail.reach.stop', { community: s.community.name }))}</a>`).join(' · ') +
    ` · <a href="${esc(settingsUrl)}">${esc(w.say('mail.reach.settings'))}</a>`;
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(subject(w, sections))}</title></head><body>` +
    sections.map((s) => sectionHtml(w, s)).join('<hr>') +
    `<hr><p><small>${footer}</small></p></body></html>`;
  return { subject: subject(w, sections), text: text.join('\n'), html };
}
