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
}
