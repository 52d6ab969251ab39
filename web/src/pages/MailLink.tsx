/**
 * The pages a reminder's links open (issue 11), signed in or not, and without JavaScript:
 * - unsubscribe: a button that turns the mail off (opening the page changes nothing), then "done";
 * - answer: the one prompt the link is for, with a plain answer form that posts the link's token;
 * - invalid: an unknown, forged or expired link, which changed nothing, and the way to sign in instead.
 */
import { useState } from 'preact/hooks';
import { ChoiceGroup, Field } from '../components/Field';
import { useI18n } from '../i18n';

type Visibility = 'facilitators' | 'community' | 'public';

export type MailLinkProps =
  | { state: 'invalid' }
  | { state: 'unsubscribe'; token: string; communities: string[] }
  | { state: 'unsubscribed'; communities: string[] }
  | {
      state: 'answer';
      token: string;
      name: string;
      community: { slug: string; name: string };
      prompt: { easy: string; hard: string };
      /** After a refused post: why, and what the member had written. */
      problem: string | null;
      body: string;
    }
  | { state: 'answered'; community: { slug: string; name: string } };

export default function MailLink(props: MailLinkProps) {
  const { t } = useI18n();
  // Hooks first, whatever the state: the answer form's two choices.
  const [level, setLevel] = useState<'easy' | 'hard'>('easy');
  const [visibility, setVisibility] = useState<Visibility>('community');
  if (props.state === 'invalid') {
    return (
      <>
        <h1>{t('mailLink.invalid.title')}</h1>
        <p>{t('mailLink.invalid.text')}</p>
        <p>
          <a class="button" href="/sign-in">
            {t('mailLink.signIn')}
          </a>
        </p>
      </>
    );
  }
  if (props.state === 'unsubscribe' || props.state === 'unsubscribed') {
    const communities = props.communities.join(', ');
    return (
      <>
        <h1>{t('mailLink.unsubscribe.title')}</h1>
        {props.state === 'unsubscribed' ? (
          <p class="status ok">{t('mailLink.unsubscribe.done', { communities })}</p>
        ) : (
          <form method="post" action={`/mail/unsubscribe/${props.token}`} class="narrow">
            <p>{t('mailLink.unsubscribe.ask', { communities })}</p>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <p>
              <button type="submit">{t('mailLink.unsubscribe.button')}</button>
            </p>
          </form>
        )}
      </>
    );
  }
  if (props.state === 'answered') {
    return (
      <>
        <h1>{t('mailLink.answer.title')}</h1>
        <p class="status ok">{t('mailLink.answer.done')}</p>
        <p>
          <a class="button" href={`/c/${encodeURIComponent(props.community.slug)}/gallery`}>
            {t('mailLink.answer.gallery')}
          </a>
        </p>
      </>
    );
  }
  const { token, name, community, prompt, problem, body } = props;
  return (
    <>
      <h1>{t('mailLink.answer.title')}</h1>
      <p class="lede">{t('mailLink.answer.as', { name, community: community.name })}</p>
      {problem && <p class="status error">{t('mailLink.answer.problem', { reason: problem })}</p>}
      <form method="post" action={`/mail/answer/${token}`} class="narrow">
        <ChoiceGroup
          name="level"
          legend={t('level.choose')}
          value={level}
          onChange={setLevel}
          choices={[
            { value: 'easy', label: t('level.easy'), hint: prompt.easy },
            { value: 'hard', label: t('level.hard'), hint: prompt.hard },
          ]}
        />
        <Field id="mail-answer-body" label={t('mailLink.answer.body')}>
          {(aria) => <textarea {...aria} name="body" maxLength={500} rows={5} required value={body} />}
        </Field>
        <ChoiceGroup
          name="visibility"
          legend={t('form.visibility')}
          value={visibility}
          onChange={setVisibility}
          choices={(['facilitators', 'community', 'public'] as const).map((v) => ({ value: v, label: t(`form.visibility.${v}`) }))}
        />
        <div class="choice">
          <input type="checkbox" id="mail-answer-anonymous" name="anonymous" value="on" />
          <label for="mail-answer-anonymous">{t('form.identity.anonymous')}</label>
        </div>
        <p>
          <button type="submit">{t('mailLink.answer.send')}</button>
        </p>
      </form>
    </>
  );
}
