/** Two-minute sketch warm-ups: ten days of drawing challenges where wobbly lines are the point. */
import type { SeriesTemplate } from './types';

export const sketchWarmUps: SeriesTemplate = {
  id: 'sketch-warm-ups',
  cadence: 'daily',
  title: { en: 'Two-minute sketch warm-ups', fr: 'Croquis de deux minutes pour s’échauffer' },
  description: {
    en: 'Ten days of tiny drawing challenges. No talent needed: two minutes, a pen, and whatever is in front of you. Quick sketches loosen the hand, sharpen the eye, and give everyone something easy to share on day one.',
    fr: 'Dix jours de petits défis de dessin. Aucun talent requis : deux minutes, un stylo et ce que vous avez sous les yeux. Un croquis rapide délie la main, aiguise le regard et donne à chacun quelque chose de simple à partager dès le premier jour.',
  },
  prompts: [
    {
      easy: { en: 'Draw your desk in 5 lines. No erasing.', fr: 'Dessinez votre bureau en 5 traits. Sans gommer.' },
      hard: {
        en: 'Draw your desk in 5 lines, then again in one single line without lifting your pen. Which drawing says more?',
        fr: 'Dessinez votre bureau en 5 traits, puis d’un seul trait sans lever le stylo. Lequel des deux en dit le plus ?',
      },
    },
    {
      easy: { en: 'Draw the cup or glass you drank from today, in under a minute.', fr: 'Dessinez la tasse ou le verre dans lequel vous avez bu aujourd’hui, en moins d’une minute.' },
      hard: {
        en: 'Draw the same cup three times: from above, from the side, and as if it were a building.',
        fr: 'Dessinez la même tasse trois fois : vue de dessus, de profil, et comme si c’était un bâtiment.',
      },
    },
    {
      easy: { en: 'Draw the tool you used most yesterday as a simple icon.', fr: 'Dessinez l’outil que vous avez le plus utilisé hier, comme une simple icône.' },
      hard: {
        en: 'Draw that tool taken apart: its pieces laid out side by side, with a one-word label on each.',
        fr: 'Dessinez cet outil démonté : ses pièces posées côte à côte, chacune avec une étiquette d’un mot.',
      },
    },
    {
      easy: { en: 'Draw your hand holding something: a pen, a phone, a key. Wobbly lines welcome.', fr: 'Dessinez votre main qui tient quelque chose : un stylo, un téléphone, une clé. Les traits tremblants sont bienvenus.' },
      hard: {
        en: 'Draw your hand without looking at the paper, eyes on your hand only. Then add one line while looking.',
        fr: 'Dessinez votre main sans regarder la feuille, les yeux sur la main seulement. Puis ajoutez un trait en regardant.',
      },
    },
    {
      easy: { en: 'Draw the view from where you sit using only three shapes.', fr: 'Dessinez la vue depuis votre place avec trois formes seulement.' },
      hard: {
        en: 'Draw that view as a map seen from above, with a dotted line for the path you took to get there today.',
        fr: 'Dessinez cette vue comme un plan vu de dessus, avec une ligne pointillée pour le chemin qui vous y a mené aujourd’hui.',
      },
    },
    {
      easy: { en: 'Draw how your week feels, as weather.', fr: 'Dessinez votre semaine sous forme de météo.' },
      hard: {
        en: 'Draw your week as a forecast: one weather symbol per day, and an arrow for where things are heading.',
        fr: 'Dessinez votre semaine comme un bulletin météo : un symbole par jour, et une flèche pour la tendance.',
      },
    },
    {
      easy: { en: 'Draw a face that shows how your last meeting went. Circles and dots are enough.', fr: 'Dessinez un visage qui montre comment s’est passée votre dernière réunion. Des ronds et des points suffisent.' },
      hard: {
        en: 'Draw the people of your last meeting as simple figures: bigger for who spoke most, arrows for where the ideas went.',
        fr: 'Dessinez les participants de votre dernière réunion en silhouettes : plus grandes pour qui a le plus parlé, des flèches pour le trajet des idées.',
      },
    },
    {
      easy: { en: 'Draw something you do every week as three boxes and two arrows.', fr: 'Dessinez une tâche que vous faites chaque semaine en trois cases et deux flèches.' },
      hard: {
        en: 'Draw that task as a four-panel comic strip, including the moment where it usually goes wrong.',
        fr: 'Dessinez cette tâche en bande dessinée de quatre cases, y compris le moment où elle déraille d’habitude.',
      },
    },
    {
      easy: { en: 'Draw one thing around you that nobody notices.', fr: 'Dessinez une chose autour de vous que personne ne remarque.' },
      hard: {
        en: 'Draw it ten times bigger than life, with the detail nobody sees, and add one sentence on why you chose it.',
        fr: 'Dessinez-la dix fois plus grande que nature, avec le détail que personne ne voit, et ajoutez une phrase sur ce choix.',
      },
    },
    {
      easy: { en: 'Draw yourself as a stick figure doing your job.', fr: 'Dessinez-vous en bonhomme bâton en train de faire votre métier.' },
      hard: {
        en: 'Draw a sticker you would hand out to your community: a symbol for what you do, a three-word motto, a frame.',
        fr: 'Dessinez un autocollant à offrir à votre communauté : un symbole de ce que vous faites, une devise en trois mots, un cadre.',
      },
    },
  ],
};
