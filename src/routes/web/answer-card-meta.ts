/** The Open Graph image tags of an answer's permalink (its card: src/routes/web/answer-card.ts). */
export function answerCardMeta(cardUrl: string, alt: string): Record<string, string> {
  return {
    'og:image': cardUrl,
    'og:image:type': 'image/png',
    'og:image:width': '1200',
    'og:image:height': '630',
    'og:image:alt': alt,
    'twitter:card': 'summary_large_image',
  };
}
