/**
 * No dead CSS: every class the stylesheet styles is written by some component, literally or as the fixed
 * start of a built name (`level-card-${level}`), and no rule is written twice for the same selector.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const web = new URL('../../web/src/', import.meta.url).pathname;
const css = readFileSync(join(web, 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}

/** Words of every string and template literal in the components; a template's `${…}` splits it. */
function writtenClassWords(): { words: Set<string>; prefixes: string[] } {
  const words = new Set<string>();
  const prefixes: string[] = [];
  for (const source of sources(web)) {
    for (const attribute of source.matchAll(/class=(?:"([^"]*)"|\{([\s\S]*?)\}(?=[\s/>]))/g)) {
      const text = attribute[1] ?? attribute[2] ?? '';
      // Each kind of quote on its own, so a string nested in a template's `${…}` is found too.
      for (const quoted of [/"([^"]*)"/g, /'([^']*)'/g, /`([^`]*)`/g]) {
        for (const literal of text.matchAll(quoted)) {
          const value = literal[1] ?? '';
          for (const part of value.split(/\$\{[^}]*\}/)) for (const w of part.split(/\s+/)) if (w) words.add(w);
          for (const m of value.matchAll(/([\w-]+-)\$\{/g)) prefixes.push(m[1]!);
        }
      }
      if (/^[\w\s-]+$/.test(text)) for (const w of text.split(/\s+/)) if (w) words.add(w);
    }
  }
  return { words, prefixes };
}

describe('styles.css', () => {
  it('styles only classes the components write', () => {
    const { words, prefixes } = writtenClassWords();
    const styled = [...new Set([...css.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((m) => m[1]!))];
    const unused = styled.filter((c) => !words.has(c) && !prefixes.some((p) => c.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('writes each selector once', () => {
    const selectors = [...css.matchAll(/(^|\})\s*([^{}@]+?)\s*\{/g)].map((m) => m[2]!.replace(/\s+/g, ' ').trim());
    const twice = selectors.filter((s, i) => selectors.indexOf(s) !== i && !/^(from|to|\d+%)$/.test(s));
    expect(twice).toEqual([]);
  });
});
