// Reference data the training screens look names up in: fields, departments and communes
// (each list fetched once per page load by api.js), as maps and sorted lists.
import { listFields, listUnits } from '../../api.js';

let loaded = null;

/** {fields: [], fieldName(slug), departments: [], communes: [], unitName(id)}. */
export function loadRefs() {
  if (!loaded) {
    loaded = Promise.all([listFields(), listUnits({ kind: 'department' }), listUnits({ kind: 'commune' })]).then(([fields, departments, communes]) => {
      const names = new Map();
      for (const list of [departments, communes]) for (const u of list.items) names.set(u.id, u.name);
      const fieldNames = new Map(fields.items.map((f) => [f.slug, f.name]));
      return {
        fields: fields.items,
        fieldName: (slug) => fieldNames.get(slug) || slug,
        departments: departments.items,
        communes: [...communes.items].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
        unitName: (id) => names.get(Number(id)) || '',
      };
    });
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}
