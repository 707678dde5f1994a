// The body of Sở Nội vụ's consolidated report, live or frozen: the totals, the compliance
// table, every department's figures, then the six sections with what the departments wrote,
// the matters needing the province or the centre, other proposals, and Sở Nội vụ's own
// narrative under each (editable in the live draft).
import { formatDateTime, formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { FIGURES, SECTIONS, STATUSES, STATUS_ORDER, issueState } from './labels.js';
import { Figures, StatusBadge, when } from './parts.jsx';
import { Narrative, useShowMore } from './ReportSections.jsx';

const n = (v) => formatNumber(v ?? 0);

const TOTAL_SENTENCES = {
  trainings: (t) => `${n(t.trainings)} hội nghị tập huấn`,
  participants: (t) => `${n(t.participants)} học viên, ${n(t.communes_attended)} lượt xã, phường tham dự`,
  received: (t) => `${n(t.received)} kiến nghị, đề xuất`,
  resolved: (t) => `${n(t.resolved)} nội dung`,
  higher: (t) => `${n(t.higher)} vấn đề`,
};

export function ComplianceTable({ items, periodId }) {
  return (
    <table class="data-table board-table">
      <caption class="visually-hidden">Tình hình gửi báo cáo của các sở, ban, ngành</caption>
      <thead>
        <tr>
          <th scope="col">Sở, ban, ngành</th>
          <th scope="col">Tình trạng</th>
          <th scope="col">Gửi lúc</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.unit.id}>
            <th scope="row" data-label="Sở, ban, ngành">
              {periodId ? <Link href={`/bao-cao/don-vi/${item.unit.id}?ky=${periodId}`}>{item.unit.name}</Link> : item.unit.name}
            </th>
            <td data-label="Tình trạng">
              <StatusBadge item={item} />
            </td>
            {item.submitted_at ? <td data-label="Gửi lúc">{when(item.submitted_at)}</td> : <td class="cell-empty">—</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DepartmentFigures({ departments }) {
  if (departments.length === 0) return <p class="empty">Chưa có sở, ngành nào gửi báo cáo trong kỳ.</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Số liệu từng sở, ngành (cuộn ngang được)">
      <table class="data-table figures-table">
        <thead>
          <tr>
            <th scope="col">Sở, ban, ngành</th>
            {FIGURES.map((f) => (
              <th key={f.key} scope="col" class="num">
                {f.key === 'communes_attended' ? 'Xã, phường tham dự' : f.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => (
            <tr key={d.unit.id}>
              <th scope="row">{d.unit.name}</th>
              {FIGURES.map((f) => (
                <td key={f.key} class="num">
                  {n(d.figures[f.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DepartmentTexts({ departments, keyName }) {
  const written = departments.filter((d) => d.narrative && (d.narrative[keyName] || '').trim());
  if (written.length === 0) return null;
  return (
    <details class="dept-texts">
      <summary>Thuyết minh của các sở, ngành ({written.length})</summary>
      {written.map((d) => (
        <div key={d.unit.id} class="dept-text">
          <p class="dept-text-unit">{d.unit.name}</p>
          <Narrative text={d.narrative[keyName]} />
        </div>
      ))}
    </details>
  );
}

function HigherList({ items }) {
  const [shown, more] = useShowMore(items);
  if (!items.length) return null;
  return (
    <>
      <ul class="report-list">
        {shown.map((i) => (
        <li key={i.id} class="report-item">
          <p class="report-item-title">
            <span class="mono">{i.code}</span> {i.title}
          </p>
          <p class="report-item-meta">
            {[i.commune, i.escalated_at && `trình ${formatDateTime(i.escalated_at)}`, i.holder && `đang ở ${i.holder}`, issueState(i.state)].filter(Boolean).join(' · ')}
          </p>
        </li>
        ))}
      </ul>
      {more}
    </>
  );
}

function OtherProposals({ items }) {
  if (!items.length) return null;
  return (
    <ul class="report-list">
      {items.map((p, i) => (
        <li key={i} class="report-item">
          <p class="report-item-title">{p.unit && p.unit.name}</p>
          <Narrative text={p.text} />
        </li>
      ))}
    </ul>
  );
}

function NarrativeBox({ id, section, editor }) {
  const value = editor.text[section.key] || '';
  const theirs = editor.conflict && (editor.conflict.narrative[section.key] || '');
  return (
    <div class="field narrative-field">
      <label for={id} class="field-label">
        Nhận xét, đánh giá của Sở Nội vụ<span class="visually-hidden"> – {section.title}</span>
      </label>
      <textarea id={id} class="input textarea" rows={4} value={value} onInput={(e) => editor.setSection(section.key, e.currentTarget.value)} />
      {editor.conflict && theirs !== value && (
        <div class="conflict-text">
          <p class="conflict-label">Nội dung người khác vừa lưu cho mục này:</p>
          <Narrative text={theirs} />
          <button type="button" class="button button-small" aria-label={`Dùng nội dung này cho mục ${section.title}`} onClick={() => editor.takeTheirs(section.key)}>
            Dùng nội dung này
          </button>
        </div>
      )}
    </div>
  );
}

/** `compiled`: live compilation or a frozen snapshot; `editor` for the live draft. */
export function ConsolidatedSections({ idPrefix, compiled, narrative, editor, level = 2 }) {
  const H = `h${level}`;
  const totals = compiled.totals || {};
  const departments = compiled.departments || [];
  const compliance = compiled.compliance || [];
  const pid = compiled.period && compiled.period.id;
  return (
    <div class="report-sections">
      <section class="report-section" aria-labelledby={`${idPrefix}-totals`}>
        <H id={`${idPrefix}-totals`} class="report-section-title">
          Số liệu tổng hợp
        </H>
        <Figures
          figures={totals}
          labels={{ communes_attended: 'Lượt xã, phường tham dự' }}
          extra={[{ key: 'departments_reported', label: `Sở, ngành đã gửi báo cáo (trên ${n(compliance.length)})` }]}
        />
      </section>
      <section class="report-section" aria-labelledby={`${idPrefix}-compliance`}>
        <H id={`${idPrefix}-compliance`} class="report-section-title">
          Tình hình gửi báo cáo của các sở, ngành
        </H>
        <p>
          {STATUS_ORDER.map((s) => [s, compliance.filter((c) => c.status === s).length])
            .filter(([, count]) => count > 0)
            .map(([s, count]) => `${STATUSES[s].label}: ${n(count)}`)
            .join(' · ')}
        </p>
        <details class="dept-texts" open={compliance.length <= 6}>
          <summary>Chi tiết {n(compliance.length)} sở, ban, ngành</summary>
          <ComplianceTable items={compliance} periodId={pid} />
        </details>
      </section>
      <section class="report-section" aria-labelledby={`${idPrefix}-departments`}>
        <H id={`${idPrefix}-departments`} class="report-section-title">
          Số liệu từng sở, ngành
        </H>
        <DepartmentFigures departments={departments} />
      </section>
      {SECTIONS.map((section, index) => {
        const hid = `${idPrefix}-${section.key}-title`;
        const sentence = TOTAL_SENTENCES[section.key];
        return (
          <section key={section.key} class="report-section" aria-labelledby={hid}>
            <H id={hid} class="report-section-title">
              {index + 1}. {section.title}
            </H>
            {sentence && <p class="report-figure">{sentence(totals)}</p>}
            {section.key === 'higher' && <HigherList items={compiled.higher || []} />}
            {section.key === 'other' && <OtherProposals items={compiled.other_proposals || []} />}
            {section.key !== 'other' && <DepartmentTexts departments={departments} keyName={section.key} />}
            {editor ? (
              <NarrativeBox id={`${idPrefix}-${section.key}`} section={section} editor={editor} />
            ) : (
              <>
                <p class="narrative-label">Nhận xét, đánh giá của Sở Nội vụ</p>
                <Narrative text={(narrative || {})[section.key]} />
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
