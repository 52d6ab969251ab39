/**
 * "You are the expert": members notice what they already know well, and put it where others can use it.
 * Many members never post because they think they have nothing to teach; these prompts show them otherwise.
 */
import type { SeriesTemplate } from './types';

export const youAreTheExpert: SeriesTemplate = {
  id: 'you-are-the-expert',
  cadence: 'weekdays',
  title: { en: 'You are the expert', fr: 'L’expert, c’est vous' },
  description: {
    en: 'Two weeks to notice what you already know. Everyone in a community of practice is an expert in something, often without realising it. Each day: spot your know-how (easy), or put it in words someone else can use (hard).',
    fr: 'Deux semaines pour remarquer ce que vous savez déjà. Dans une communauté de pratique, chacun est expert de quelque chose, souvent sans le savoir. Chaque jour : repérez votre savoir-faire (facile), ou mettez-le en mots utiles à d’autres (difficile).',
  },
  prompts: [
    {
      easy: { en: 'Name one thing colleagues often ask you for help with.', fr: 'Nommez une chose pour laquelle vos collègues vous demandent souvent de l’aide.' },
      hard: {
        en: 'Write the short answer you usually give them, so others can use it without having to ask.',
        fr: 'Écrivez la réponse courte que vous leur donnez d’habitude, pour que d’autres puissent s’en servir sans avoir à demander.',
      },
    },
    {
      easy: { en: 'What do you now do without thinking that took you years to learn?', fr: 'Que faites-vous maintenant sans y penser, et qui vous a pris des années à apprendre ?' },
      hard: {
        en: 'Break it into three steps a newcomer could follow, and point out the step people usually miss.',
        fr: 'Découpez-le en trois étapes qu’une personne nouvelle pourrait suivre, et signalez celle qu’on oublie d’habitude.',
      },
    },
    {
      easy: { en: 'Which word from your practice do outsiders get wrong?', fr: 'Quel mot de votre pratique les gens de l’extérieur comprennent-ils de travers ?' },
      hard: {
        en: 'Explain it in two sentences to someone outside your field, with an example from your week.',
        fr: 'Expliquez-le en deux phrases à quelqu’un d’extérieur à votre domaine, avec un exemple tiré de votre semaine.',
      },
    },
    {
      easy: { en: 'Describe a problem you solved recently that you are quietly proud of.', fr: 'Décrivez un problème que vous avez résolu récemment et dont vous êtes discrètement fier ou fière.' },
      hard: {
        en: 'Write what you noticed that others might have missed. That noticing is your expertise.',
        fr: 'Écrivez ce que vous avez remarqué et que d’autres auraient pu manquer. Ce regard-là, c’est votre expertise.',
      },
    },
    {
      easy: { en: 'Which tool, template or trick did you make yourself?', fr: 'Quel outil, modèle ou astuce avez-vous fabriqué vous-même ?' },
      hard: {
        en: 'Share it (a photo, a link or a description) and say when it helps most.',
        fr: 'Partagez-le (une photo, un lien ou une description) et dites quand il sert le plus.',
      },
    },
    {
      easy: { en: 'Which beginner’s mistake in your field can you spot at a glance?', fr: 'Quelle erreur de débutant repérez-vous au premier coup d’œil dans votre domaine ?' },
      hard: {
        en: 'Write the advice you would give a beginner about it, kindly, in three sentences.',
        fr: 'Écrivez le conseil que vous donneriez à ce sujet à une personne qui débute, avec bienveillance, en trois phrases.',
      },
    },
    {
      easy: {
        en: 'What do you know about the people you work with or for that no guideline says?',
        fr: 'Que savez-vous des personnes avec ou pour qui vous travaillez, qu’aucun guide ne dit ?',
      },
      hard: {
        en: 'Tell the story of the moment you learned it, and how it changes what you do.',
        fr: 'Racontez le moment où vous l’avez appris, et ce que cela change à votre façon de faire.',
      },
    },
    {
      easy: { en: 'Which question asked in this community could you answer from experience?', fr: 'À quelle question posée dans cette communauté pourriez-vous répondre par expérience ?' },
      hard: {
        en: 'Answer it here: quote the question in a few words, then add what your experience tells you.',
        fr: 'Répondez-y ici : reprenez la question en quelques mots, puis ajoutez ce que votre expérience vous en dit.',
      },
    },
    {
      easy: { en: 'If you were asked to teach for ten minutes tomorrow, what would the topic be?', fr: 'Si l’on vous demandait d’enseigner dix minutes demain, sur quel sujet ?' },
      hard: {
        en: 'Write the outline: a title, three key points, and one exercise for the room.',
        fr: 'Écrivez le plan : un titre, trois points clés, et un exercice pour la salle.',
      },
    },
    {
      easy: { en: 'Name one thing you are still learning, and who you learn it from.', fr: 'Nommez une chose que vous apprenez encore, et auprès de qui.' },
      hard: {
        en: 'Ask that person one question this week and share what you learned. Experts keep learning too.',
        fr: 'Posez une question à cette personne cette semaine et partagez ce que vous avez appris. Les experts aussi continuent d’apprendre.',
      },
    },
  ],
};
