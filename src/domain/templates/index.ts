/**
 * The series templates Kindling ships, read in one language. Templates are data (one file each, beside this
 * one); starting a series from one goes through the series editor and the same validation as any series.
 */
import { notFound } from '../errors';
import { changedMyPractice } from './changed-my-practice';
import { collaborationTasks } from './collaboration-tasks';
import { sketchWarmUps } from './sketch-warm-ups';
import type { SeriesTemplate, TemplateLang } from './types';
import { youAreTheExpert } from './you-are-the-expert';

export type { Localized, SeriesTemplate, TemplateLang, TemplatePrompt } from './types';

/** In the order a facilitator sees them: the lightest warm-up first. */
export const TEMPLATES: readonly SeriesTemplate[] = [sketchWarmUps, collaborationTasks, changedMyPractice, youAreTheExpert];

/** A template's summary, for a list to choose from. */
export function templateSummary(template: SeriesTemplate, lang: TemplateLang) {
  return {
    id: template.id,
    lang,
    cadence: template.cadence,
    title: template.title[lang],
    description: template.description[lang],
    promptCount: template.prompts.length,
  };
}

/** Every template, summarised in `lang`. */
export function listTemplates(lang: TemplateLang) {
  return TEMPLATES.map((t) => templateSummary(t, lang));
}

/**
 * One template in `lang`, its prompts ready to become a series' prompts (the shape of createSeriesBody's
 * prompts, points included). Throws not_found for an unknown id.
 */
export function templateIn(id: string, lang: TemplateLang) {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw notFound('Template');
  return {
    ...templateSummary(template, lang),
    prompts: template.prompts.map((p) => ({
      easy: p.easy[lang],
      hard: p.hard[lang],
      easyPoints: p.easyPoints ?? 1,
      hardPoints: p.hardPoints ?? 3,
    })),
  };
}
