/**
 * The facilitator's series editor. Without JavaScript every button is a form post the server applies and
 * re-renders; with it, edits happen in place, the preview follows each keystroke, and the series is created
 * through the typed client. Field errors (error.issues[].path) are shown next to their field.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorOf } from '../api';
import { FIRST_DAY, LAST_DAY } from '../../../src/schemas';
import { PromptPreview } from '../components/PromptPreview';
import { useI18n, type MessageKey } from '../i18n';
import { formatDay } from '../lib/dates';
import { ImportForm } from '../components/ImportForm';
import { useHydrated } from '../lib/hydrated';
import {
  applyOp,
  draftBody,
  emptyPrompt,
  fieldOfIssue,
  opValue,
  type Cadence,
  type Draft,
  type DraftOp,
  type DraftPrompt,
} from '../lib/series-draft';

export interface SeriesEditorProps {
  community: { slug: string; name: string };
  /** The community's local day, for the preview. */
  today: string;
  draft: Draft;
  /** Error paths from the last try (error.issues[].path). */
  issues: string[];
  created: { id: number; opensOn: string } | null;
  /** The last import's refusal: a message (too large, no file) and/or every problem by row and column. */
  importError?: { key: MessageKey | null; issues: { path: string; message: string }[]; values?: { title?: string; startDate?: string; cadence?: string } } | null;
  /** The community's series so far, each linking to its page (edit, pause, publish, export). */
  existing?: { id: number; title: string; startDate: string; status: 'scheduled' | 'running' | 'paused' | 'finished' }[];
}

type KeyedPrompt = DraftPrompt & { key: number };
type PromptField = 'easy' | 'hard' | 'easyPoints' | 'hardPoints';

const MESSAGES: Record<NonNullable<ReturnType<typeof fieldOfIssue>>['message'], MessageKey> = {
  title: 'series.error.title',
  description: 'series.error.description',
  startDate: 'series.error.startDate',
  cadence: 'series.error.cadence',
  prompts: 'series.error.prompts',
  text: 'series.error.text',
  points: 'series.error.points',
};

export default function SeriesEditor(props: SeriesEditorProps) {
  const { community, today } = props;
  const { t, lang } = useI18n();
  const hydrated = useHydrated();
  const [title, setTitle] = useState(props.draft.title);
  const [description, setDescription] = useState(props.draft.description);
  const [startDate, setStartDate] = useState(props.draft.startDate);
  const [cadence, setCadence] = useState<Cadence>(props.draft.cadence);
  // Keys start from the position, so the ids the server rendered are the ids the browser hydrates.
  const [prompts, setPrompts] = useState<KeyedPrompt[]>(() => props.draft.prompts.map((p, key) => ({ ...p, key })));
  const nextKey = useRef(props.draft.prompts.length);
  const [issues, setIssues] = useState(props.issues);
  const [created, setCreated] = useState(props.created);
  const [failed, setFailed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  const promptId = (i: number, field: PromptField | 'up' | 'down') => `prompt-${prompts[i]?.key ?? i}-${field}`;
  const fieldId = (field: string) => {
    const m = /^prompts\.(\d+)\.(\w+)$/.exec(field);
    if (m) return promptId(Number(m[1]), m[2] as PromptField);
    return { title: 'series-title', description: 'series-description', startDate: 'series-start', cadence: 'series-cadence-daily', prompts: 'add-prompt' }[field] ?? 'series-title';
  };
  // One message per field, in the order the API listed them.
  const errors = new Map<string, MessageKey>();
  for (const path of issues) {
    const where = fieldOfIssue(path);
    if (where && !errors.has(where.field)) errors.set(where.field, MESSAGES[where.message]);
  }
  const errorOfField = (field: string) => {
    const key = errors.get(field);
    return key ? { id: `${fieldId(field)}-error`, text: t(key) } : null;
  };
  /** Props that tie an input to its hint and its error. */
  const described = (field: string, hintId?: string) => {
    const error = errorOfField(field);
    const ids = [hintId, error?.id].filter(Boolean).join(' ');
    return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
  };
  const fieldError = (field: string) => {
    const error = errorOfField(field);
    return error ? (
      <p class="field-error" id={error.id}>
        {error.text}
      </p>
    ) : null;
  };

  function edit(op: DraftOp, event: Event) {
    event.preventDefault();
    const next = applyOp(prompts, op, () => ({ ...emptyPrompt(), key: nextKey.current++ }));
    if (next === prompts) return;
    setPrompts(next);
    setIssues([]);
    if (op.kind === 'add') {
      setAnnounce(t('series.added', { n: next.length }));
      setFocusId(`prompt-${next.at(-1)!.key}-easy`);
    } else if (op.kind === 'remove') {
      setAnnounce(t('series.removed', { n: op.index + 1 }));
      const stay = next[Math.min(op.index, next.length - 1)]!;
      setFocusId(`prompt-${stay.key}-easy`);
    } else {
      const to = op.kind === 'up' ? op.index - 1 : op.index + 1;
      setAnnounce(t('series.moved', { n: to + 1 }));
      // Keep focus on the button pressed, unless the move made it useless (first can't go up).
      const stillUsable = op.kind === 'up' ? to > 0 : to < next.length - 1;
      const key = prompts[op.index]!.key;
      setFocusId(`prompt-${key}-${stillUsable ? op.kind : op.kind === 'up' ? 'down' : 'up'}`);
    }
  }

  function setPrompt(i: number, field: PromptField, value: string) {
    setPrompts((list) => list.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  }

  async function create(event: Event) {
    event.preventDefault();
    setSubmitting(true);
    setFailed(false);
    try {
      const res = await api.communities[':slug'].series.$post({
        param: { slug: community.slug },
        json: draftBody({ title, description, startDate, cadence, prompts }),
      });
      if (res.status === 201) {
        const series = await res.json();
        setCreated({ id: series.id, opensOn: series.prompts[0]?.opensOn ?? startDate });
        setFocusId('series-created');
        return;
      }
      const error = await errorOf(res);
      const paths = (error.issues ?? []).map((i) => i.path).filter((p) => fieldOfIssue(p));
      setIssues(paths);
      if (paths[0]) setFocusId(fieldId(fieldOfIssue(paths[0])!.field));
      else setFailed(true);
    } catch {
      setFailed(true);
    } finally {
      setSubmitting(false);
    }
  }

  if (created) {
    return (
      <>
        <p class="eyebrow">
          <a href={`/c/${community.slug}`}>{community.name}</a>
        </p>
        <h1>{t('series.title')}</h1>
        <div class="card" id="series-created" tabIndex={-1} role="status">
          <p class="status ok">{t('series.created')}</p>
          <p>{t('series.firstOpens', { date: formatDay(created.opensOn, lang) })}</p>
          <p class="actions">
            <a class="button" href={`/c/${community.slug}`}>
              {t('series.seeToday')}
            </a>
            <a class="button secondary" href={`/c/${community.slug}/s/${created.id}`}>
              {t('series.manage')}
            </a>
            <a class="button secondary" href={`/c/${community.slug}/series/new`}>
              {t('series.another')}
            </a>
          </p>
        </div>
      </>
    );
  }

  // Without JavaScript these are submit buttons the server applies; with it, plain buttons.
  const opButton = (op: DraftOp, label: string, context: string, id?: string, disabled = false) => (
    <button
      type={hydrated ? 'button' : 'submit'}
      name="op"
      value={opValue(op)}
      id={id}
      class="secondary small"
      disabled={disabled}
      onClick={(e) => edit(op, e)}
    >
      {label}
      <span class="visually-hidden"> {context}</span>
    </button>
  );

  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${community.slug}`}>{community.name}</a>
      </p>
      <h1>{t('series.title')}</h1>
      <form class="series-editor" method="post" action={`/c/${community.slug}/series/new`} onSubmit={create} noValidate>
        <label for="series-title">{t('series.name')}</label>
        <input
          type="text"
          id="series-title"
          name="title"
          value={title}
          required
          maxLength={120}
          onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)}
          {...described('title')}
        />
        {fieldError('title')}

        <label for="series-description">{t('series.description')}</label>
        <textarea
          id="series-description"
          name="description"
          rows={3}
          maxLength={2000}
          value={description}
          onInput={(e) => setDescription((e.currentTarget as HTMLTextAreaElement).value)}
          {...described('description')}
        />
        {fieldError('description')}

        <fieldset {...described('cadence')}>
          <legend>{t('series.cadence')}</legend>
          {(['daily', 'weekdays'] as const).map((c) => (
            <label class="choice" key={c}>
              <input
                type="radio"
                name="cadence"
                value={c}
                id={`series-cadence-${c}`}
                checked={cadence === c}
                onChange={() => setCadence(c)}
              />
              <span>{t(c === 'daily' ? 'series.cadence.daily' : 'series.cadence.weekdays')}</span>
            </label>
          ))}
          {fieldError('cadence')}
        </fieldset>

        <label for="series-start">{t('series.startDate')}</label>
        <p class="hint" id="series-start-hint">
          {t('series.startHint')}
        </p>
        <input
          type="date"
          id="series-start"
          name="startDate"
          value={startDate}
          min={FIRST_DAY}
          max={LAST_DAY}
          required
          onInput={(e) => setStartDate((e.currentTarget as HTMLInputElement).value)}
          {...described('startDate', 'series-start-hint')}
        />
        {fieldError('startDate')}

        <h2>{t('series.prompts')}</h2>
        {fieldError('prompts')}
        <ol class="prompt-list">
          {prompts.map((p, i) => {
            const n = i + 1;
            const context = t('series.prompt', { n });
            const text = (field: 'easy' | 'hard') => (
              <>
                <label for={promptId(i, field)}>{t(field === 'easy' ? 'series.easy' : 'series.hard')}</label>
                <textarea
                  id={promptId(i, field)}
                  name={field}
                  rows={2}
                  maxLength={500}
                  required
                  value={p[field]}
                  onInput={(e) => setPrompt(i, field, (e.currentTarget as HTMLTextAreaElement).value)}
                  {...described(`prompts.${i}.${field}`)}
                />
                {fieldError(`prompts.${i}.${field}`)}
              </>
            );
            const pts = (field: 'easyPoints' | 'hardPoints') => (
              <div class="points-field">
                <label for={promptId(i, field)}>{t(field === 'easyPoints' ? 'series.easyPoints' : 'series.hardPoints')}</label>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={100}
                  step={1}
                  id={promptId(i, field)}
                  name={field}
                  value={p[field]}
                  onInput={(e) => setPrompt(i, field, (e.currentTarget as HTMLInputElement).value)}
                  {...described(`prompts.${i}.${field}`)}
                />
                {fieldError(`prompts.${i}.${field}`)}
              </div>
            );
            return (
              <li key={p.key}>
                <fieldset class="prompt-editor">
                  <legend>{context}</legend>
                  {text('easy')}
                  {pts('easyPoints')}
                  {text('hard')}
                  {pts('hardPoints')}
                  <div class="prompt-actions">
                    {opButton({ kind: 'up', index: i }, t('series.moveUp'), context, promptId(i, 'up'), i === 0)}
                    {opButton({ kind: 'down', index: i }, t('series.moveDown'), context, promptId(i, 'down'), i === prompts.length - 1)}
                    {opButton({ kind: 'remove', index: i }, t('series.remove'), context, undefined, prompts.length === 1)}
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <p>
          <button
            type={hydrated ? 'button' : 'submit'}
            name="op"
            value="add"
            id="add-prompt"
            class="secondary"
            onClick={(e) => edit({ kind: 'add' }, e)}
          >
            {t('series.addPrompt')}
          </button>
        </p>

        <PromptPreview startDate={startDate} cadence={cadence} prompts={prompts.map((p) => p.easy)} today={today} />

        {(errors.size > 0 || failed) && (
          <p class="status error" role="alert">
            {failed ? t('error.generic') : t('series.fixErrors')}
          </p>
        )}
        <p>
          <button type="submit" name="op" value="create" disabled={submitting}>
            {t('series.create')}
          </button>
        </p>
        <p class="visually-hidden" role="status">
          {announce}
        </p>
      </form>
      <ImportForm slug={community.slug} error={props.importError ?? null} values={props.importError?.values} />
      {props.existing && props.existing.length > 0 && (
        <section aria-labelledby="existing-heading">
          <h2 id="existing-heading">{t('seriesList.title')}</h2>
          <ul class="plain-list">
            {props.existing.map((s) => (
              <li key={s.id}>
                <a href={`/c/${community.slug}/s/${s.id}`}>{s.title}</a>{' '}
                <span class="muted">
                  · {formatDay(s.startDate, lang, 'short')} · {t(`seriesPage.status.${s.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
