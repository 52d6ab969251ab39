/**
 * Start a community from the web: a form posted here, validated with the API's own schema; errors re-render
 * the form with what was typed, and success redirects to the new community (so a reload never creates twice).
 */
import { Hono, type Context } from 'hono';
import { createCommunity } from '../../domain/communities/communities';
import { slugFromName } from '../../domain/directory/slug';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { createCommunityBody } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { emptyNewCommunity, errorsOf, type NewCommunityValues } from '../../../web/src/lib/new-community';
import { formBodyLimit, renderPage, viewerLang } from './render';

const PATH = '/communities/new';
const signInFirst = (c: Context<AppEnv>) => c.redirect(`/sign-in?next=${encodeURIComponent(PATH)}`, 303);

function formPage(c: Context<AppEnv>, values: NewCommunityValues, issues: { path: string; code?: string }[] = []) {
  const t = translator(viewerLang(c));
  return renderPage(c, 'NewCommunity', { values, errors: errorsOf(issues) }, { title: t('newCommunity.title'), status: issues.length ? 400 : 200 });
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/** The request body a posted form stands for: a blank slug comes from the name; the hour stays a number only if it is one. */
function bodyOf(values: NewCommunityValues) {
  return {
    name: values.name,
    slug: values.slug.trim() || slugFromName(values.name),
    description: values.description,
    timeZone: values.timeZone.trim(),
    dayStartHour: /^\d{1,2}$/.test(values.dayStartHour) ? Number(values.dayStartHour) : values.dayStartHour,
    visibility: values.visibility,
  };
}

export const newCommunityRoutes = new Hono<AppEnv>()
  .get(PATH, (c) => (c.get('caller') ? formPage(c, emptyNewCommunity()) : signInFirst(c)))
  .post(PATH, formBodyLimit(16 * 1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return signInFirst(c);
    const form = await c.req.parseBody();
    // Kept as typed (bounded), so the form comes back as it was sent.
    const values: NewCommunityValues = {
      name: text(form.name, 200),
      slug: text(form.slug, 100),
      description: text(form.description, 2000),
      timeZone: text(form.timeZone, 100),
      dayStartHour: text(form.dayStartHour, 10),
      visibility: form.visibility === 'private' ? 'private' : 'public',
    };
    const parsed = createCommunityBody.safeParse(bodyOf(values));
    if (!parsed.success) return formPage(c, values, parsed.error.issues.map((i) => ({ path: i.path.join('.') })));
    try {
      const community = await createCommunity(c.get('db'), caller, parsed.data, c.get('now'));
      return c.redirect(`/c/${encodeURIComponent(community.slug)}?created=1`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.extra.issues?.length) {
        return formPage(c, { ...values, slug: parsed.data.slug }, err.extra.issues.map((i) => ({ path: i.path, code: err.code })));
      }
      throw err;
    }
  });
