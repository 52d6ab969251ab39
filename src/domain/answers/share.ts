/**
 * Ready-to-paste share text for an answer's author, to post it in their community's main space: the
 * prompt, the answer (and its link) and the permalink, as plain text and as Markdown. No author name is
 * ever part of it (the member pasting it is the author), and no words of our own: the text reads the same
 * in any language and any tool.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts } from '../../../db/schema';
import { authorAnswer } from './settings';
import type { Caller } from '../identity/sessions';

export interface ShareInput {
  prompt: string;
  body: string;
  link: string | null;
  community: string;
  /** The answer's permalink. */
  url: string;
}

export interface ShareText {
  text: string;
  markdown: string;
  url: string;
}

/** Backslash-escapes what Markdown would read as formatting, so the answer shows as the member wrote it. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, '\\$&')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Markdown block quote: every line of the text, blank ones included, stays in the quote. */
const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

/** A URL as the parser writes it: `<`, `>` and spaces percent-encoded, so it cannot end an autolink early. */
const safeUrl = (href: string) => {
  try {
    return new URL(href).href;
  } catch {
    return encodeURI(href);
  }
};

const normalise = (text: string) => text.replace(/\r\n?/g, '\n').trim();

/** Builds both forms from the answer as it is; pure, so it is tested on its own. */
export function buildShareText(input: ShareInput): ShareText {
  const prompt = normalise(input.prompt).replace(/\s+/g, ' ');
  const body = normalise(input.body);
  const community = normalise(input.community).replace(/\s+/g, ' ');
  // A sketch or photo alone has no text: no empty paragraph for it.
  const said = body ? [body] : [];
  const text = [`${prompt} (${community})`, ...said, ...(input.link ? [input.link] : []), input.url].join('\n\n');
  const markdown = [
    quote(`**${escapeMarkdown(prompt)}** (${escapeMarkdown(community)})`),
    ...said.map((b) => escapeMarkdown(b).replace(/\n/g, '  \n')),
    ...(input.link ? [`<${safeUrl(input.link)}>`] : []),
    `<${input.url}>`,
  ].join('\n\n');
  return { text, markdown, url: input.url };
}

/** The share text of the caller's own answer (anyone else's is 404); `baseUrl` is where members reach Kindling. */
export async function shareForAuthor(db: Db, input: { submissionId: number; caller: Caller; baseUrl: string }) {
  const answer = await authorAnswer(db, input.submissionId, input.caller);
  const [prompt] = await db
    .select({ easy: prompts.easyText, hard: prompts.hardText })
    .from(prompts)
    .where(eq(prompts.id, answer.promptId));
  return buildShareText({
    prompt: prompt ? prompt[answer.level] : '',
    body: answer.body,
    link: answer.link,
    community: answer.communityName,
    // Pasted where others read it: an anonymous answer's link must not carry its sequential id.
    url: new URL(`/a/${answer.anonymous && answer.publicId ? answer.publicId : answer.id}`, input.baseUrl).href,
  });
}
