/**
 * The palette's own Spotlight store, so the palette can preselect its first result after
 * results arrive (Mantine's selection helpers are not exported; this mirrors its selectAction).
 */
import { createSpotlight, type SpotlightStore } from '@mantine/spotlight';

export const [paletteStore, palette] = createSpotlight();

/** Marks the first action as selected, as arrow keys would, so Enter opens it. */
export function selectFirstAction(store: SpotlightStore = paletteStore): void {
  const { listId } = store.getState();
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  if (!first) return;
  first.setAttribute('data-selected', 'true');
  store.updateState((state) => ({ ...state, selected: 0 }));
}
