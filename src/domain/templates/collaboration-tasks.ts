/**
 * The ten tasks of effective collaboration (Munger and Riemer's evidence-informed collaboration model, as
 * presented by Jackson Smith for SSCG): one task a day, reflecting on it (easy) or acting on it (hard).
 */
import type { SeriesTemplate } from './types';

export const collaborationTasks: SeriesTemplate = {
  id: 'collaboration-tasks',
  cadence: 'weekdays',
  title: { en: 'Ten tasks of effective collaboration', fr: 'Dix tâches pour bien collaborer' },
  description: {
    en: 'Two weeks through the ten tasks of the evidence-informed collaboration model by Felix Munger and Manuel Riemer, from getting ready to making the collaboration last. Each day: reflect on the task (easy), or take one small step on it (hard).',
    fr: 'Deux semaines pour parcourir les dix tâches du modèle de collaboration fondé sur les données probantes de Felix Munger et Manuel Riemer, de la préparation jusqu’à la pérennité. Chaque jour : réfléchir à la tâche (facile), ou faire un petit pas concret (difficile).',
  },
  prompts: [
    {
      // T1: assess organisational and personal attitudes and readiness
      easy: {
        en: 'How ready are you to collaborate right now? Name one thing that makes it easier for you, and one that holds you back.',
        fr: 'Êtes-vous prêt·e à collaborer en ce moment ? Nommez une chose qui vous facilite la tâche, et une qui vous freine.',
      },
      hard: {
        en: 'Ask one colleague the same question: what helps them collaborate, and what holds them back? Share what you heard, without names.',
        fr: 'Posez la même question à un·e collègue : qu’est-ce qui l’aide à collaborer, qu’est-ce qui le ou la freine ? Partagez ce que vous avez entendu, sans nom.',
      },
    },
    {
      // T2: determine the initial collaboration purpose and type
      easy: {
        en: 'Think of a collaboration you are part of, or want to start. In one sentence: what can it achieve that none of you could alone?',
        fr: 'Pensez à une collaboration dont vous faites partie, ou que vous voulez lancer. En une phrase : que peut-elle accomplir qu’aucun d’entre vous ne pourrait accomplir seul ?',
      },
      hard: {
        en: 'Write that purpose down and say what kind of collaboration it needs: sharing information, coordinating work, or building something together. Send it to one partner and ask whether they agree.',
        fr: 'Écrivez ce but et dites quel type de collaboration il demande : partager de l’information, coordonner le travail, ou construire quelque chose ensemble. Envoyez-le à un partenaire et demandez-lui s’il est d’accord.',
      },
    },
    {
      // T3: identify membership needs and conduct a stakeholder analysis
      easy: {
        en: 'Who is missing from the table? Name one group or role your work affects that is not part of the conversation.',
        fr: 'Qui manque autour de la table ? Nommez un groupe ou un rôle touché par votre travail qui ne participe pas à la discussion.',
      },
      hard: {
        en: 'Make a quick stakeholder map: five people or groups, and for each, what they bring and what they need. Share the one that surprised you.',
        fr: 'Faites une carte rapide des parties prenantes : cinq personnes ou groupes, et pour chacun ce qu’il apporte et ce dont il a besoin. Partagez celui qui vous a surpris.',
      },
    },
    {
      // T4: establish the collaboration
      easy: {
        en: 'Remember a collaboration that started well. What happened at the very beginning that made it work?',
        fr: 'Souvenez-vous d’une collaboration qui a bien démarré. Que s’est-il passé tout au début qui l’a fait fonctionner ?',
      },
      hard: {
        en: 'Draft the invitation to a first meeting: who you invite, why them, and what you will decide together. Share its opening lines.',
        fr: 'Rédigez l’invitation à une première réunion : qui vous invitez, pourquoi ces personnes, et ce que vous déciderez ensemble. Partagez-en les premières lignes.',
      },
    },
    {
      // T5: specify the collaboration's purpose, mission and structure with its members
      easy: {
        en: 'If you asked three members what your group is for, would they give the same answer? Write the answer you would expect.',
        fr: 'Si vous demandiez à trois membres à quoi sert votre groupe, donneraient-ils la même réponse ? Écrivez celle que vous attendriez.',
      },
      hard: {
        en: 'Ask two members, in their own words, what the group is for and how it makes decisions. Share where their answers agree and where they differ.',
        fr: 'Demandez à deux membres, avec leurs mots, à quoi sert le groupe et comment il décide. Partagez où leurs réponses se rejoignent et où elles divergent.',
      },
    },
    {
      // T6: identify the contextual characteristics of the collaboration
      easy: {
        en: 'What around you shapes your collaboration most: funding, politics, history, workload, something else?',
        fr: 'Qu’est-ce qui, autour de vous, façonne le plus votre collaboration : le financement, la politique, l’histoire, la charge de travail, autre chose ?',
      },
      hard: {
        en: 'List the three outside forces that weigh most on your collaboration. For one of them, write a first step to work with it rather than against it.',
        fr: 'Listez les trois forces extérieures qui pèsent le plus sur votre collaboration. Pour l’une d’elles, écrivez un premier pas pour composer avec plutôt que lutter contre.',
      },
    },
    {
      // T7: determine the structural characteristics of the collaboration
      easy: {
        en: 'How does your group decide things today? Describe the last decision it made, and who made it.',
        fr: 'Comment votre groupe prend-il ses décisions aujourd’hui ? Décrivez la dernière décision prise, et qui l’a prise.',
      },
      hard: {
        en: 'Propose one small change to how your group works (a meeting rhythm, a shared folder, a rotating chair) and put it to the group.',
        fr: 'Proposez un petit changement dans le fonctionnement du groupe (un rythme de réunion, un dossier partagé, une animation tournante) et soumettez-le au groupe.',
      },
    },
    {
      // T8: manage group dynamics
      easy: {
        en: 'Recall a moment of tension in a group you belong to. What helped, or what would have helped?',
        fr: 'Rappelez-vous un moment de tension dans un groupe dont vous faites partie. Qu’est-ce qui a aidé, ou qu’est-ce qui aurait aidé ?',
      },
      hard: {
        en: 'At your next meeting, make room for the quietest voice: invite them in by name, or run a round where everyone speaks once. Share what changed.',
        fr: 'À votre prochaine réunion, faites de la place à la voix la plus discrète : invitez la personne à parler, ou faites un tour de table où chacun parle une fois. Racontez ce qui a changé.',
      },
    },
    {
      // T9: retain members and grow membership
      easy: {
        en: 'Why do you stay in this community? Name the one thing that brings you back.',
        fr: 'Pourquoi restez-vous dans cette communauté ? Nommez la chose qui vous fait revenir.',
      },
      hard: {
        en: 'Invite one person who would gain from this community, or write to a member you have not heard from in a while. Tell us how it went, no names needed.',
        fr: 'Invitez une personne à qui cette communauté apporterait quelque chose, ou écrivez à un membre silencieux depuis un moment. Racontez comment ça s’est passé, sans nom.',
      },
    },
    {
      // T10: institutionalise the collaboration
      easy: {
        en: 'If the people who started your collaboration left tomorrow, what would keep it going?',
        fr: 'Si les personnes qui ont lancé votre collaboration partaient demain, qu’est-ce qui la ferait continuer ?',
      },
      hard: {
        en: 'Pick one thing that lives only in someone’s head (a contact list, a how-to, a welcome routine), write it down, and put it where the whole group can find it.',
        fr: 'Choisissez une chose qui n’existe que dans la tête de quelqu’un (une liste de contacts, un mode d’emploi, un rituel d’accueil), mettez-la par écrit, et rangez-la là où tout le groupe la trouvera.',
      },
    },
  ],
};
