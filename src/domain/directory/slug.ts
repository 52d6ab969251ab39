/** A community's address from its name, for a form whose slug was left blank. */

/**
 * "Infirmières de nuit!" → "infirmieres-de-nuit": lowercase ASCII letters and digits joined by single hyphens,
 * at most 40 characters. Empty when the name has no letter or digit to keep (the slug rule then reports it).
 */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
}
