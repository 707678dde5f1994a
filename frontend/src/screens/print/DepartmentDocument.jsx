// A department's frozen weekly report as a printed document: the six sections of the
// directive with their figures, tables and narrative.
import { formatDateTime, formatNumber } from '../../format.js';
import { FORMATS, SECTIONS, issueState } from '../reports/labels.js';
import { DocTable, Document, Paragraphs, inSentence, signerTitle } from './Document.jsx';

const n = (v) => formatNumber(v ?? 0);
const title = (key) => SECTIONS.find((s) => s.key === key).title;

function Section({ index, sectionKey, children, narrative }) {
  return (
    <section class="doc-section">
      <h2 class="doc-h2">
        {index}. {title(sectionKey)}
      </h2>
      {children}
      <Paragraphs text={narrative[sectionKey]} />
    </section>
  );
}

export function DepartmentDocument({ snapshot, version }) {
  const s = snapshot;
  const f = s.figures || {};
  const narrative = s.narrative || {};
  const unit = s.unit || {};
  return (
    <Document
      issuer={unit.name}
      code={unit.code}
      subject={
        <>
          Kết quả tổ chức hội nghị tập huấn, hướng dẫn, giải đáp khó khăn, vướng mắc cho các xã, phường
          <br />({s.period.name})
        </>
      }
      submittedAt={version.submitted_at}
      version={version.number}
      recipients={['Chủ tịch UBND tỉnh (để b/c);', 'Sở Nội vụ (để tổng hợp);', 'Lưu: VT.']}
      signer={signerTitle(unit.name)}
      signerName={version.submitted_by}
    >
      <p class="doc-p">
        Thực hiện chỉ đạo của Chủ tịch UBND tỉnh về việc tổ chức hội nghị trực tuyến tập huấn, hướng dẫn, giải đáp kịp thời khó khăn, vướng mắc cho các xã,
        phường, {unit.name} báo cáo kết quả thực hiện {inSentence(s.period.name)} như sau:
      </p>
      <Section index={1} sectionKey="trainings" narrative={narrative}>
        <p class="doc-p">Số hội nghị tập huấn đã tổ chức trong kỳ: {n(f.trainings)}.</p>
        <DocTable
          label="Hội nghị tập huấn"
          rows={s.trainings}
          columns={[
            { label: 'Hội nghị', cell: (t) => `${t.title} (lần ${t.round})` },
            { label: 'Thời gian', cell: (t) => formatDateTime(t.starts_at), class: 'doc-w-time' },
            { label: 'Hình thức', cell: (t) => FORMATS[t.format] || t.format, class: 'doc-w-format' },
            { label: 'Số xã, phường', cell: (t) => n(t.communes), class: 'doc-num doc-w-count' },
            { label: 'Số học viên', cell: (t) => n(t.participants), class: 'doc-num doc-w-count' },
          ]}
        />
      </Section>
      <Section index={2} sectionKey="participants" narrative={narrative}>
        <p class="doc-p">
          Tổng số học viên tham gia: {n(f.participants)} người, từ {n(f.communes_attended)} xã, phường.
        </p>
      </Section>
      <Section index={3} sectionKey="received" narrative={narrative}>
        <p class="doc-p">Số kiến nghị, đề xuất đã tiếp nhận: {n(f.received)}.</p>
        <DocTable
          label="Kiến nghị, đề xuất đã tiếp nhận"
          rows={s.received}
          columns={[
            { label: 'Mã', cell: (i) => i.code, class: 'doc-nowrap' },
            { label: 'Nội dung', cell: (i) => i.title },
            { label: 'Xã, phường', cell: (i) => i.commune },
            { label: 'Tình trạng', cell: (i) => issueState(i.state), class: 'doc-w-status' },
          ]}
        />
      </Section>
      <Section index={4} sectionKey="resolved" narrative={narrative}>
        <p class="doc-p">Số nội dung đã hướng dẫn, giải quyết theo thẩm quyền: {n(f.resolved)}.</p>
        <DocTable
          label="Nội dung đã hướng dẫn, giải quyết"
          rows={s.resolved}
          columns={[
            { label: 'Mã', cell: (i) => i.code, class: 'doc-nowrap' },
            { label: 'Nội dung', cell: (i) => i.title },
            { label: 'Xã, phường', cell: (i) => i.commune },
            { label: 'Nội dung trả lời', cell: (i) => i.answer },
          ]}
        />
      </Section>
      <Section index={5} sectionKey="higher" narrative={narrative}>
        <p class="doc-p">Số vấn đề thuộc thẩm quyền giải quyết của cấp trên: {n(f.higher)}.</p>
        <DocTable
          label="Vấn đề thuộc thẩm quyền của cấp trên"
          rows={s.higher}
          columns={[
            { label: 'Mã', cell: (i) => i.code, class: 'doc-nowrap' },
            { label: 'Nội dung', cell: (i) => i.title },
            { label: 'Xã, phường', cell: (i) => i.commune },
            { label: 'Tình trạng', cell: (i) => issueState(i.state), class: 'doc-w-status' },
          ]}
        />
      </Section>
      <section class="doc-section">
        <h2 class="doc-h2">6. {title('other')}</h2>
        <Paragraphs text={narrative.other} empty="Không có." />
      </section>
      <p class="doc-p">Trên đây là báo cáo kết quả thực hiện {inSentence(s.period.name)} của {unit.name}./.</p>
    </Document>
  );
}
