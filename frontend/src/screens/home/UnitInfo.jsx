// "Thông tin đơn vị": the signed-in user's unit as GET /units/{id} describes it — code, kind,
// parent body and, for communes formed by the 2025 merger, the former communes it joined.
import { Section } from './Section.jsx';

const KIND_NAMES = { department: 'Sở, ban, ngành cấp tỉnh', province: 'Cơ quan cấp tỉnh', central: 'Bộ, ngành Trung ương' };

// "Phường A, Phường B (thành phố X), Xã C" → three names; commas inside brackets stay.
function splitNames(text) {
  return String(text)
    .split(/,\s*(?![^()]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function UnitInfo({ unit, title }) {
  const kind = unit.kind === 'commune' ? (unit.commune_type === 'phường' ? 'Phường' : 'Xã') : KIND_NAMES[unit.kind];
  const merged = unit.merged_from ? splitNames(unit.merged_from) : [];
  return (
    <Section id="unit-info" title={title}>
      <dl class="facts">
        <div>
          <dt>Tên đơn vị</dt>
          <dd>{unit.name}</dd>
        </div>
        <div>
          <dt>{unit.kind === 'commune' ? 'Mã đơn vị hành chính' : 'Mã đơn vị'}</dt>
          <dd>{unit.code}</dd>
        </div>
        {kind && (
          <div>
            <dt>Loại</dt>
            <dd>{kind}</dd>
          </div>
        )}
        {unit.parent && (
          <div>
            <dt>Trực thuộc</dt>
            <dd>{unit.parent.name}</dd>
          </div>
        )}
      </dl>
      {merged.length > 0 && (
        <details class="merged">
          <summary>Hình thành từ {merged.length} đơn vị hành chính cũ</summary>
          <ul>
            {merged.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}
