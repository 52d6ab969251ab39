/** Client entry: hydrate the server-rendered page with the same props it was rendered from. */
import { hydrate } from 'preact';
import { Shell } from './components/Shell';
import type { PageName } from './pages';
import { loaders } from './pages/loaders';
import './styles.css';

const dataElement = document.getElementById('page-data');
if (dataElement?.textContent) {
  const data = JSON.parse(dataElement.textContent) as { page: PageName; props: object; shell: Parameters<typeof Shell>[0]['shell'] };
  const { default: Page } = await loaders[data.page]();
  hydrate(
    <Shell shell={data.shell}>
      <Page {...data.props} />
    </Shell>,
    document.getElementById('app')!,
  );
  replayEarlyInput(document.getElementById('app')!);
}

/**
 * Fields typed into or autofilled before the page hydrated keep what the person entered, but the components
 * never heard it: their state still holds the server's values, which a submit would send and a re-render would
 * put back in the field. Tells them now, with the events they listen for
 * (tests/e2e/typed-before-scripts.test.ts).
 */
function replayEarlyInput(root: HTMLElement) {
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    const changed =
      field instanceof HTMLSelectElement
        ? field.selectedIndex !== Math.max(0, [...field.options].findIndex((o) => o.defaultSelected))
        : field.type === 'checkbox' || field.type === 'radio'
          ? (field as HTMLInputElement).checked !== (field as HTMLInputElement).defaultChecked
          : field.type !== 'file' && field.value !== field.defaultValue;
    if (!changed) continue;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
