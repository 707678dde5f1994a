// One line per unit: its name and official code; departments and ministries also list the
// fields (lĩnh vực) they handle, folded away so the list stays short on a phone.
export function UnitList({ units, fieldNames, label }) {
  return (
    <ul class="unit-list" aria-label={label}>
      {units.map((u) => (
        <li key={u.id} class="unit">
          <div class="unit-head">
            <span class="unit-name">{u.name}</span>
            <span class="unit-code">
              <span class="unit-code-label">Mã </span>
              {u.code}
            </span>
          </div>
          {u.fields && u.fields.length > 0 && <UnitFields slugs={u.fields} fieldNames={fieldNames} />}
        </li>
      ))}
    </ul>
  );
}

function UnitFields({ slugs, fieldNames }) {
  return (
    <details class="unit-fields">
      <summary>{slugs.length} lĩnh vực phụ trách</summary>
      <ul>
        {slugs.map((slug) => (
          <li key={slug}>{fieldNames.get(slug) || slug}</li>
        ))}
      </ul>
    </details>
  );
}
