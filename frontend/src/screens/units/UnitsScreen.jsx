// "Danh mục đơn vị": every unit the system knows, by kind, with a diacritics-blind filter.
import { useTitle } from '../../title.js';
import { UnitBrowser } from './UnitBrowser.jsx';

export function UnitsScreen() {
  useTitle('Danh mục đơn vị');
  return (
    <>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Danh mục đơn vị
      </h1>
      <UnitBrowser />
    </>
  );
}
