/**
 * The facilitators' circle's own weekly series (issue 14): facilitation itself, one prompt a week, in each
 * language Kindling speaks. Data only, like src/domain/templates. The themes are the seeds' facilitator
 * problems: keeping momentum, a first answer from a lurker, silence, asking for help.
 */
import type { Localized, TemplatePrompt } from '../templates/types';

export const CIRCLE_TITLE: Localized = { en: 'Facilitating, one week at a time', fr: 'Animer, une semaine à la fois' };
export const CIRCLE_DESCRIPTION: Localized = {
  en: 'A prompt a week for facilitators, from facilitators: what keeps a community going, and what to do when it stalls. Only facilitators read the answers here.',
  fr: 'Un défi par semaine pour les animateurs, par des animateurs : ce qui fait vivre une communauté, et que faire quand elle cale. Seuls les animateurs lisent les réponses ici.',
};

export const CIRCLE_PROMPTS: TemplatePrompt[] = [
  {
    easy: { en: 'Keeping momentum: what is one small thing you did this week that got a member to come back?', fr: 'Garder l’élan : quelle petite chose avez-vous faite cette semaine qui a fait revenir un membre ?' },
    hard: {
      en: 'Keeping momentum: describe your community’s rhythm (when prompts open, when people answer) and one change you will try to fit it better.',
      fr: 'Garder l’élan : décrivez le rythme de votre communauté (quand les défis s’ouvrent, quand on y répond) et un changement que vous allez essayer pour mieux l’épouser.',
    },
  },
  {
    easy: { en: 'A first answer: write the one sentence you would send a member who has never answered.', fr: 'Une première réponse : écrivez la phrase que vous enverriez à un membre qui n’a jamais répondu.' },
    hard: {
      en: 'A first answer: design an easy option so small that nobody could find it intimidating. Share it, and why it works.',
      fr: 'Une première réponse : imaginez une option facile si petite que personne ne la trouverait intimidante. Partagez-la, et dites pourquoi elle marche.',
    },
  },
  {
    easy: { en: 'Handling silence: your community has been quiet for two weeks. What is your first move?', fr: 'Face au silence : votre communauté se tait depuis deux semaines. Quel est votre premier geste ?' },
    hard: {
      en: 'Handling silence: look at your last quiet spell. What happened just before it, and what would you do differently?',
      fr: 'Face au silence : repensez à votre dernier passage à vide. Que s’était-il passé juste avant, et que feriez-vous autrement ?',
    },
  },
  {
    easy: { en: 'Asking for help: name one thing you would love another facilitator to show you.', fr: 'Demander de l’aide : citez une chose que vous aimeriez qu’un autre animateur vous montre.' },
    hard: {
      en: 'Asking for help: describe a problem you are stuck on, in three sentences, so that someone here can answer it in two minutes.',
      fr: 'Demander de l’aide : décrivez en trois phrases un problème qui vous bloque, pour que quelqu’un ici puisse y répondre en deux minutes.',
    },
  },
  {
    easy: { en: 'Recognition: whose answer did you spotlight last, and why that one?', fr: 'Reconnaissance : quelle réponse avez-vous mise en avant en dernier, et pourquoi celle-là ?' },
    hard: {
      en: 'Recognition: write the spotlight note you wish someone had written about your own first post.',
      fr: 'Reconnaissance : écrivez le mot de mise en avant que vous auriez aimé recevoir pour votre toute première contribution.',
    },
  },
  {
    easy: { en: 'Your own practice: what did facilitating teach you this month, in one line?', fr: 'Votre pratique : qu’est-ce que l’animation vous a appris ce mois-ci, en une ligne ?' },
    hard: {
      en: 'Your own practice: pick a prompt that fell flat in your community and rewrite it so it would work.',
      fr: 'Votre pratique : reprenez un défi qui n’a pas pris dans votre communauté et réécrivez-le pour qu’il marche.',
    },
  },
];
