/**
 * The demo community a fresh install starts with, so a new user sees a running series, a gallery and a
 * leaderboard at once. Built through the same domain functions the API uses, so it obeys the same rules.
 * The time zone and 06:00 day start are a nod to the Vancouver Draw Down, the daily drawing project
 * Kindling grew from.
 */
import { count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities } from '../../../db/schema';
import { createCommunity, joinCommunity } from './communities';
import { createSeries } from '../series/series';
import type { Caller } from '../identity/sessions';
import { submitAnswer } from '../answers/submissions';
import { addDays, dayStartsAt, localDay } from '../time';
import { findOrCreateUser } from '../identity/users';

export const DEMO_SLUG = 'kindling-demo';
const TIME_ZONE = 'America/Vancouver';
const DAY_START_HOUR = 6;

/** `.example` addresses can never receive mail; in development their sign-in links print to the console. */
const facilitator = { email: 'robin@kindling-demo.example', name: 'Robin (facilitator)' };
const members = [
  { email: 'amara@kindling-demo.example', name: 'Amara' },
  { email: 'jonah@kindling-demo.example', name: 'Jonah' },
  { email: 'mei@kindling-demo.example', name: 'Mei' },
  { email: 'sam@kindling-demo.example', name: 'Sam' },
];

const PROMPTS: { easy: string; hard: string }[] = [
  {
    easy: 'Sketch the cup or mug nearest to you in under two minutes. Wobbly lines welcome.',
    hard: 'Sketch it twice, from above and from the side, and note one thing you only saw the second time.',
  },
  {
    easy: 'Name one small thing you changed in how you work this year.',
    hard: 'This changed my practice: describe one change, what made you try it, and what happened, in three sentences.',
  },
  {
    easy: 'You are the expert: what is one question colleagues often ask you?',
    hard: 'Answer that question in five sentences for someone new to the field.',
  },
  {
    easy: 'Draw the view from where you sit, using only ten lines.',
    hard: 'Draw the same view again and show where the light comes from.',
  },
  {
    easy: 'Share one resource (a link, a book, a person) you would recommend to a newcomer.',
    hard: 'Share the resource and say in two sentences when it helped you.',
  },
  {
    easy: 'Sketch a tool you use every day.',
    hard: 'Sketch the tool and label the one part you would redesign.',
  },
  {
    easy: 'Finish the sentence: "I used to …, now I …".',
    hard: 'Tell the short story of a mistake that taught you something you still use.',
  },
  {
    easy: 'List three words that describe what you are good at.',
    hard: 'Write a two-minute tip that only someone with your experience could give.',
  },
  {
    easy: 'Sketch your workday as a simple map or timeline.',
    hard: 'Mark on that map where a two-minute habit could save you ten minutes.',
  },
  {
    easy: 'What would you ask an expert in this community?',
    hard: 'Post your question with the context someone would need to help you.',
  },
];

type Answer = {
  who: number; // index in `members`
  prompt: number; // index in PROMPTS
  level: 'easy' | 'hard';
  body: string;
  visibility: 'community' | 'public';
  anonymous?: boolean;
  link?: string;
};

const ANSWERS: Answer[] = [
  { who: 0, prompt: 0, level: 'easy', visibility: 'public', body: 'Did it on the bus with a ballpoint. The handle came out twice the size of the cup, and I love it.' },
  { who: 1, prompt: 0, level: 'hard', visibility: 'community', body: 'From above it is just two circles. From the side I noticed the rim is not level at all: the cup is chipped.' },
  { who: 2, prompt: 1, level: 'easy', visibility: 'public', anonymous: true, body: 'I stopped writing meeting notes alone and now take them together on a shared screen.' },
  { who: 3, prompt: 1, level: 'hard', visibility: 'public', body: 'I started ending every handover with "what worries you?". A colleague suggested it after a near miss. Handovers take one minute longer and we catch more.' },
  { who: 0, prompt: 2, level: 'easy', visibility: 'public', body: 'How do I explain a complicated result to a family in plain words?' },
  { who: 1, prompt: 3, level: 'easy', visibility: 'public', body: 'Window, radiator, plant, two chairs. Ten lines is harder than it sounds.' },
];

export async function demoExists(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: communities.id }).from(communities).where(eq(communities.slug, DEMO_SLUG));
  return row !== undefined;
}

/**
 * Seeds the demo community unless the database already has a community of its own people (Kindling's built-in
 * ones, such as the facilitators' circle, do not count); returns its slug, or null.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ slug: string } | null> {
  const [existing] = await db.select({ n: count() }).from(communities).where(isNull(communities.builtIn));
  if ((existing?.n ?? 0) > 0) return null;

  const host: Caller = await findOrCreateUser(db, facilitator.email, now, facilitator.name);
  const people: Caller[] = [];
  for (const m of members) people.push(await findOrCreateUser(db, m.email, now, m.name));

  await createCommunity(
    db,
    host,
    { slug: DEMO_SLUG, name: 'Kindling demo', timeZone: TIME_ZONE, dayStartHour: DAY_START_HOUR, visibility: 'public' },
    now,
  );
  for (const person of people) await joinCommunity(db, person, DEMO_SLUG, undefined, now);

  // Started three local days ago: four prompts are open (three of them answerable late), six still to come.
  const startDate = addDays(localDay(now, TIME_ZONE, DAY_START_HOUR), -3);
  const series = await createSeries(
    db,
    host,
    DEMO_SLUG,
    {
      title: 'Two-minute warm-ups',
      description: 'One small thing a day: a quick sketch, a change in your practice, a bit of what you know. Imperfect is the point.',
      startDate,
      cadence: 'daily',
      prompts: PROMPTS.map((p) => ({ ...p, easyPoints: 1, hardPoints: 3 })),
    },
    now,
  );

  for (const a of ANSWERS) {
    const prompt = series.prompts[a.prompt]!;
    // Answered a few hours into the prompt's own day (never in the future), so the demo shows on-time answers.
    const answeredAt = new Date(
      Math.min(dayStartsAt(prompt.opensOn, TIME_ZONE, DAY_START_HOUR).getTime() + (3 + a.who) * 3_600_000, now.getTime()),
    );
    await submitAnswer(
      db,
      {
        promptId: prompt.id,
        caller: people[a.who]!,
        level: a.level,
        body: a.body,
        link: a.link,
        visibility: a.visibility,
        anonymous: a.anonymous ?? false,
      },
      answeredAt,
    );
  }
  return { slug: DEMO_SLUG };
}
