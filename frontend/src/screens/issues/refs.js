// Reference data the issue screens look names up in: fields, departments, communes and
// ministries (each fetched once per page load by api.js), as maps by slug or id.
import { listFields, listUnits } from '../../api.js';

let loaded = null;

/** {fields: Map slug→field, departments: [], communes: [], ministries: [], unitName(id)}. */
export function loadRefs() {
  if (!loaded) {
    loaded = Promise.all([
      listFields(),
      listUnits({ kind: 'department' }),
      listUnits({ kind: 'commune' }),
      listUnits({ kind: 'central' }),
    ]).then(([fields, departments, communes, central]) => {
      const names = new Map();
      for (const list of [departments, communes, central]) for (const u of list.items) names.set(u.id, u.name);
      const byName = (a, b) => a.name.localeCompare(b.name, 'vi');
      return {
        fields: new Map(fields.items.map((f) => [f.slug, f])),
        fieldList: fields.items,
        departments: departments.items,
        departmentIds: new Set(departments.items.map((u) => u.id)),
        communes: [...communes.items].sort(byName),
        ministries: central.items,
        unitName: (id) => names.get(Number(id)) || '',
      };
    });
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}
