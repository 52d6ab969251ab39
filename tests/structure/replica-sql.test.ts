/**
 * SQL that embedded replicas can run. A replica parses every statement with libsql's own parser, to tell reads
 * (run on the local copy) from writes (sent to the primary); that parser predates SQLite 3.44's ORDER BY inside
 * an aggregate's arguments, and a statement using it fails on a replica alone (it did for the gallery).
 * tests/node/embedded-replica.test.ts runs the app on a replica; this finds the syntax in code no test visits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const AGGREGATE = /\b(json_group_array|json_group_object|group_concat|string_agg)\s*\(/gi;

/** The text directly inside the parentheses opening at `open`, with nested parentheses' contents left out. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  let direct = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return direct;
    else if (depth === 1) direct += c;
  }
  return direct;
}

function orderedAggregates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(AGGREGATE)) {
    const args = argumentsAt(text, match.index + match[0].length - 1);
    if (/\border\s+by\b/i.test(args)) found.push(`${match[1]}(${args.trim().slice(0, 60)}…)`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('SQL for embedded replicas', () => {
  it('finds ORDER BY among an aggregate’s arguments, and not in a subquery inside them', () => {
    expect(orderedAggregates('SELECT json_group_array(x ORDER BY rn) FROM t')).toHaveLength(1);
    expect(orderedAggregates('SELECT group_concat(name, \', \' ORDER BY name DESC) FROM t')).toHaveLength(1);
    expect(orderedAggregates('SELECT json_group_array(x) FROM (SELECT x FROM t ORDER BY rn)')).toEqual([]);
    expect(orderedAggregates('SELECT json_group_array((SELECT y FROM u ORDER BY y LIMIT 1)) FROM t')).toEqual([]);
  });

  it('is written without ORDER BY inside an aggregate anywhere in src/ or db/', () => {
    const offenders = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'db'))].flatMap((file) =>
      orderedAggregates(readFileSync(file, 'utf8')).map((found) => `${relative(root, file)}: ${found}`),
    );
    expect(offenders).toEqual([]);
  });
});
