// "Lĩnh vực phụ trách": the fields (lĩnh vực) a department handles, from GET /units/{id}.
import { formatNumber } from '../../format.js';
import { Section } from './Section.jsx';

export function UnitFields({ unit }) {
  const fields = unit.fields || [];
  return (
    <Section id="unit-fields" title="Lĩnh vực phụ trách">
      {fields.length === 0 ? (
        <p class="muted">Đơn vị chưa được giao lĩnh vực nào trong danh mục.</p>
      ) : (
        <>
          <p class="section-lead">
            {unit.name} phụ trách {formatNumber(fields.length)} lĩnh vực:
          </p>
          <ul class="chips" aria-label="Lĩnh vực phụ trách">
            {fields.map((f) => (
              <li key={f.slug} class="chip">
                {f.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
