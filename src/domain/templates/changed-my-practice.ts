/**
 * "This changed my practice": reflections that turn what members learned into something others can use.
 * Easy answers name the change; hard ones tell it well enough for a colleague to try it.
 */
import type { SeriesTemplate } from './types';

export const changedMyPractice: SeriesTemplate = {
  id: 'changed-my-practice',
  cadence: 'weekdays',
  title: { en: 'This changed my practice', fr: 'Ça a changé ma pratique' },
  description: {
    en: 'Two weeks of short reflections on what changed the way you work: an idea, a colleague, a mistake, a habit. Naming a change makes it last; telling it well lets someone else try it.',
    fr: 'Deux semaines de courtes réflexions sur ce qui a changé votre façon de travailler : une idée, un·e collègue, une erreur, une habitude. Nommer un changement le fait durer ; bien le raconter permet à d’autres de l’essayer.',
  },
  prompts: [
    {
      easy: { en: 'Name one thing you do differently at work than you did a year ago.', fr: 'Nommez une chose que vous faites autrement au travail qu’il y a un an.' },
      hard: {
        en: 'Describe that change: what you did before, what made you change, and what has happened since.',
        fr: 'Décrivez ce changement : ce que vous faisiez avant, ce qui vous a fait changer, et ce qui s’est passé depuis.',
      },
    },
    {
      easy: { en: 'What is one idea you picked up from a colleague and still use?', fr: 'Quelle idée empruntée à un·e collègue utilisez-vous encore ?' },
      hard: {
        en: 'Thank them: tell that person, or tell us, what the idea was and where it shows up in your work now.',
        fr: 'Remerciez cette personne : dites-lui, ou dites-nous, quelle était l’idée et où elle se retrouve aujourd’hui dans votre travail.',
      },
    },
    {
      easy: { en: 'Think of a mistake that taught you something. What did you learn, in one sentence?', fr: 'Pensez à une erreur qui vous a appris quelque chose. Qu’avez-vous appris, en une phrase ?' },
      hard: {
        en: 'Write the before and after: what you used to do, what went wrong, what you do now. Someone new here will thank you.',
        fr: 'Écrivez l’avant et l’après : ce que vous faisiez, ce qui a mal tourné, ce que vous faites maintenant. Une personne qui débute ici vous en remerciera.',
      },
    },
    {
      easy: { en: 'What did you read, hear or watch lately that made you rethink something?', fr: 'Qu’avez-vous lu, entendu ou vu récemment qui vous a fait repenser quelque chose ?' },
      hard: {
        en: 'Share it (a link or a quote) and one concrete thing you tried because of it.',
        fr: 'Partagez-le (un lien ou une citation) et une chose concrète que vous avez essayée grâce à lui.',
      },
    },
    {
      easy: { en: 'What small habit saves you time or trouble every week?', fr: 'Quelle petite habitude vous fait gagner du temps ou vous évite des soucis chaque semaine ?' },
      hard: {
        en: 'Write it as a recipe a colleague could follow tomorrow: when, what, and why it works.',
        fr: 'Écrivez-la comme une recette qu’un·e collègue pourrait suivre dès demain : quand, quoi, et pourquoi ça marche.',
      },
    },
    {
      easy: { en: 'What did you stop doing, and not miss?', fr: 'Qu’avez-vous arrêté de faire, sans le regretter ?' },
      hard: {
        en: 'Explain how you decided to stop, and what you do with the time it freed.',
        fr: 'Expliquez comment vous avez décidé d’arrêter, et ce que vous faites du temps libéré.',
      },
    },
    {
      easy: { en: 'What question do you ask more often now than you used to?', fr: 'Quelle question posez-vous plus souvent qu’avant ?' },
      hard: {
        en: 'Tell the story of a time that question changed how a conversation or a case turned out.',
        fr: 'Racontez une fois où cette question a changé l’issue d’une conversation ou d’une situation.',
      },
    },
    {
      easy: { en: 'Which answer in this community made you see something differently?', fr: 'Quelle réponse dans cette communauté vous a fait voir quelque chose autrement ?' },
      hard: {
        en: 'Try it out this week, then report back: what you did, what happened, and what you would adjust.',
        fr: 'Essayez-la cette semaine, puis faites un retour : ce que vous avez fait, ce qui s’est passé, ce que vous ajusteriez.',
      },
    },
    {
      easy: { en: 'Who shaped the way you work the most? One sentence on what they taught you.', fr: 'Qui a le plus marqué votre façon de travailler ? Une phrase sur ce que cette personne vous a appris.' },
      hard: {
        en: 'Pass it on: write that lesson so that someone starting out could use it this week.',
        fr: 'Transmettez-la : écrivez cette leçon pour qu’une personne qui débute puisse s’en servir cette semaine.',
      },
    },
    {
      easy: { en: 'What would you tell yourself on your first day in this work?', fr: 'Que vous diriez-vous à vous-même, le premier jour dans ce métier ?' },
      hard: {
        en: 'Choose one change you want to make next month. Write its first step, and when you will take it.',
        fr: 'Choisissez un changement à faire le mois prochain. Écrivez son premier pas, et quand vous le ferez.',
      },
    },
  ],
};
