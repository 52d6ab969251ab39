/** What a series template is: data only, one file per template, every text in each language Kindling speaks. */
export type TemplateLang = 'en' | 'fr';
export type Localized = Record<TemplateLang, string>;

export interface TemplatePrompt {
  easy: Localized;
  hard: Localized;
  /** Absent: the series default (1 for easy, 3 for hard). */
  easyPoints?: number;
  hardPoints?: number;
}

export interface SeriesTemplate {
  /** Stable and URL-safe: pages and GET /api/templates/:id name templates by it. */
  id: string;
  /** The cadence the template was written for; the facilitator may change it. */
  cadence: 'daily' | 'weekdays';
  title: Localized;
  /** What the series is for, shown to the facilitator choosing it and, once created, to members. */
  description: Localized;
  prompts: TemplatePrompt[];
}
