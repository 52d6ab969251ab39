/** Reading a `kindling export` folder back, to compare two exports of the same installation. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every exported table (its rows, as JSON lines) and every image (base64, and its type), by name.
 * `communities.board_version` is left out: it is the leaderboard cache's counter, which the target's triggers
 * bump as the ledger is loaded.
 */
export function exportedContent(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(join(folder, 'images'))) files.set(`images/${name}`, readFileSync(join(folder, 'images', name)).toString('base64'));
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { tables: { name: string; columns: string[] }[] };
  for (const table of manifest.tables) {
    const counter = table.name === 'communities' ? table.columns.indexOf('board_version') : -1;
    const rows = readFileSync(join(folder, 'tables', `${table.name}.jsonl`), 'utf8').split('\n').filter(Boolean);
    files.set(`tables/${table.name}`, rows.map((line) => JSON.stringify((JSON.parse(line) as unknown[]).filter((_, i) => i !== counter))).join('\n'));
  }
  return files;
}

/** The names whose content differs between two exports (or that only one has). */
export function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => a.get(name) !== b.get(name)).sort();
}
