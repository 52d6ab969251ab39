/**
 * Weekly shout-out rolls store member ids in their JSON (new contributors, rhythm milestones). An erased
 * member is taken out of every roll that names them; answer ids need no such care, since a deleted answer
 * is simply not found when the roll is read.
 */
import { sql, type SQL } from 'drizzle-orm';
import { shoutoutRolls, type ShoutoutContent } from '../../../db/schema';

interface Roll {
  communityId: number;
  weekOf: string;
  content: ShoutoutContent;
}

/** SQL condition: the roll names this member (json_each over the two lists that hold member ids). */
export function rollNames(userId: number): SQL {
  return sql`(exists (select 1 from json_each(${shoutoutRolls.content}, '$.newContributors') where value = ${userId})
    or exists (select 1 from json_each(${shoutoutRolls.content}, '$.rhythmMilestones') where json_extract(value, '$.userId') = ${userId}))`;
}

/** The rolls that named `userId`, rewritten without them; rolls that did not are left out. */
export function rollsWithout(rolls: Roll[], userId: number): Roll[] {
  return rolls.flatMap((roll) => {
    const c = roll.content;
    const named = c.newContributors.includes(userId) || c.rhythmMilestones.some((m) => m.userId === userId);
    if (!named) return [];
    const content: ShoutoutContent = {
      ...c,
      newContributors: c.newContributors.filter((id) => id !== userId),
      rhythmMilestones: c.rhythmMilestones.filter((m) => m.userId !== userId),
    };
    return [{ ...roll, content }];
  });
}
