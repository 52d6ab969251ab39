/** Checks the generated file before anything is measured on it: row counts, foreign keys, scores = ledger. */
import type { Client } from '@libsql/client';

const tables = ['users', 'communities', 'memberships', 'series', 'prompts', 'submissions', 'points_ledger', 'kudos', 'scores', 'api_tokens'];

/** Every (community, period, user) the ledger implies, with its sums, against the trigger-maintained scores. */
const scoresDrift = `
  WITH expected AS (
    SELECT community_id, user_id, 'all' AS period, sum(delta) AS points, sum(CASE WHEN listed THEN delta ELSE 0 END) AS listed
      FROM points_ledger GROUP BY community_id, user_id
    UNION ALL
    SELECT community_id, user_id, week_of, sum(delta), sum(CASE WHEN listed THEN delta ELSE 0 END)
      FROM points_ledger GROUP BY community_id, user_id, week_of
  )
  SELECT (SELECT count(*) FROM expected e LEFT JOIN scores s USING (community_id, period, user_id)
           WHERE s.points IS NOT e.points OR s.listed_points IS NOT e.listed) AS wrong,
         (SELECT count(*) FROM scores) - (SELECT count(*) FROM expected) AS extra`;

export async function verify(client: Client): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const t of tables) rows[t] = Number((await client.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);

  const fk = await client.execute('PRAGMA foreign_key_check');
  if (fk.rows.length > 0) throw new Error(`Generated data breaks ${fk.rows.length} foreign key(s), e.g. ${JSON.stringify(fk.rows[0])}`);

  const drift = (await client.execute(scoresDrift)).rows[0]!;
  if (Number(drift.wrong) !== 0 || Number(drift.extra) !== 0) {
    throw new Error(`scores differ from the ledger: ${drift.wrong} wrong, ${drift.extra} extra rows`);
  }
  return rows;
}
