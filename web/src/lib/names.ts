/** A member's name where one is expected; a member who has not chosen one yet gets a plain, unnumbered label. */
import type { Translate } from '../i18n';

export const shownName = (name: string, t: Translate): string => name.trim() || t('name.unset');
