// Sở Nội vụ's frozen consolidated report as a printed document: compliance, results, the
// matters needing the province or the centre, other proposals.
import { formatDateTime, formatNumber } from '../../format.js';
import { STATUSES, issueState } from '../reports/labels.js';
import { durationText } from '../reports/time.js';
import { DocTable, Document, Paragraphs, inSentence } from './Document.jsx';

const n = (v) => formatNumber(v ?? 0);

function statusText(item) {
  const s = STATUSES[item.status];
  const label = s ? s.label : item.status;
  return item.status === 'late' && item.late_seconds ? `${label} ${durationText(item.late_seconds)}` : label;
}

export function ConsolidatedDocument({ snapshot, version }) {
  const s = snapshot;
  const t = s.totals || {};
  const narrative = s.narrative || {};
  const compliance = s.compliance || [];
  const count = (status) => compliance.filter((c) => c.status === status).length;
  return (
    <Document
      issuer="Sở Nội vụ"
      code="SNV"
      subject={
        <>
          Tổng hợp kết quả tổ chức hội nghị tập huấn, hướng dẫn, giải đáp khó khăn, vướng mắc cho các xã, phường của các sở, ban, ngành cấp tỉnh
          <br />({s.period.name})
        </>
      }
      submittedAt={version.submitted_at}
      version={version.number}
      recipients={['Ban Thường vụ Đảng ủy UBND tỉnh (để b/c);', 'Chủ tịch UBND tỉnh (để b/c);', 'Các sở, ban, ngành cấp tỉnh;', 'Lưu: VT, SNV.']}
      signer="GIÁM ĐỐC"
      signerName={version.submitted_by}
    >
      <p class="doc-p">
        Thực hiện chỉ đạo của Chủ tịch UBND tỉnh về việc tổ chức hội nghị trực tuyến tập huấn, hướng dẫn, giải đáp kịp thời khó khăn, vướng mắc cho các xã,
        phường, Sở Nội vụ tổng hợp kết quả thực hiện {inSentence(s.period.name)} của các sở, ban, ngành cấp tỉnh như sau:
      </p>
      <section class="doc-section">
        <h2 class="doc-h2">I. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO</h2>
        <p class="doc-p">
          Có {n(t.departments_reported)}/{n(compliance.length)} sở, ban, ngành đã gửi báo cáo; trong đó đúng hạn: {n(count('on_time'))}, trễ hạn: {n(count('late'))}
          ; bị trả lại để chỉnh sửa: {n(count('returned'))}; chưa gửi: {n(count('missing') + count('draft') + count('not_started'))}.
        </p>
        <DocTable
          label="Tình hình gửi báo cáo"
          rows={compliance}
          columns={[
            { label: 'Sở, ban, ngành', cell: (c) => c.unit.name },
            { label: 'Tình trạng', cell: statusText, class: 'doc-w-status' },
            { label: 'Thời điểm gửi', cell: (c) => (c.submitted_at ? formatDateTime(c.submitted_at) : ''), class: 'doc-w-time-full' },
          ]}
        />
      </section>
      <section class="doc-section">
        <h2 class="doc-h2">II. KẾT QUẢ THỰC HIỆN</h2>
        <h3 class="doc-h3">1. Lớp tập huấn đã tổ chức</h3>
        <p class="doc-p">Các sở, ban, ngành đã tổ chức {n(t.trainings)} hội nghị tập huấn.</p>
        <Paragraphs text={narrative.trainings} />
        <h3 class="doc-h3">2. Số lượng học viên tham gia</h3>
        <p class="doc-p">
          Tổng số {n(t.participants)} học viên, {n(t.communes_attended)} lượt xã, phường tham dự.
        </p>
        <Paragraphs text={narrative.participants} />
        <h3 class="doc-h3">3. Kiến nghị, đề xuất đã tiếp nhận</h3>
        <p class="doc-p">Các sở, ban, ngành đã tiếp nhận {n(t.received)} kiến nghị, đề xuất của xã, phường.</p>
        <Paragraphs text={narrative.received} />
        <h3 class="doc-h3">4. Nội dung đã hướng dẫn, giải quyết theo thẩm quyền</h3>
        <p class="doc-p">Đã hướng dẫn, giải quyết theo thẩm quyền {n(t.resolved)} nội dung.</p>
        <Paragraphs text={narrative.resolved} />
        <h3 class="doc-h3">5. Số liệu chi tiết theo sở, ban, ngành</h3>
        <DocTable
          label="Số liệu từng sở, ngành"
          rows={s.departments}
          columns={[
            { label: 'Sở, ban, ngành', cell: (d) => d.unit.name },
            { label: 'Hội nghị', cell: (d) => n(d.figures.trainings), class: 'doc-num doc-w-fig' },
            { label: 'Học viên', cell: (d) => n(d.figures.participants), class: 'doc-num doc-w-fig' },
            { label: 'Xã, phường', cell: (d) => n(d.figures.communes_attended), class: 'doc-num doc-w-fig' },
            { label: 'Kiến nghị', cell: (d) => n(d.figures.received), class: 'doc-num doc-w-fig' },
            { label: 'Đã giải quyết', cell: (d) => n(d.figures.resolved), class: 'doc-num doc-w-fig' },
            { label: 'Trình cấp trên', cell: (d) => n(d.figures.higher), class: 'doc-num doc-w-fig' },
          ]}
        />
      </section>
      <section class="doc-section">
        <h2 class="doc-h2">III. NHỮNG VẤN ĐỀ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA TỈNH, TRUNG ƯƠNG</h2>
        <p class="doc-p">Có {n(t.higher)} vấn đề cần UBND tỉnh hoặc Trung ương xem xét, giải quyết.</p>
        <DocTable
          label="Vấn đề cần tỉnh, Trung ương giải quyết"
          rows={s.higher}
          columns={[
            { label: 'Mã', cell: (i) => i.code, class: 'doc-nowrap' },
            { label: 'Nội dung', cell: (i) => i.title },
            { label: 'Xã, phường', cell: (i) => i.commune },
            { label: 'Đơn vị đang xử lý', cell: (i) => i.holder || '' },
            { label: 'Tình trạng', cell: (i) => issueState(i.state), class: 'doc-w-status' },
          ]}
        />
        <Paragraphs text={narrative.higher} />
      </section>
      <section class="doc-section">
        <h2 class="doc-h2">IV. KIẾN NGHỊ, ĐỀ XUẤT KHÁC</h2>
        {(s.other_proposals || []).map((p, i) => (
          <p key={i} class="doc-p">
            - {p.unit && p.unit.name}: {p.text}
          </p>
        ))}
        <Paragraphs text={narrative.other} empty={(s.other_proposals || []).length ? null : 'Không có.'} />
      </section>
      <p class="doc-p">Sở Nội vụ kính báo cáo Ban Thường vụ Đảng ủy UBND tỉnh, Chủ tịch UBND tỉnh./.</p>
    </Document>
  );
}
