// An administrative document laid out as Nghị định 30/2020/NĐ-CP asks: issuing body and number
// top left, Quốc hiệu and tiêu ngữ top right with the place and date, the title and subject,
// the body, "Nơi nhận" bottom left and the signer bottom right. print.css sets A4, the
// margins and Times New Roman.
import { documentDateLine } from '../reports/time.js';
import { formatDateTime } from '../../format.js';

const upper = (s) => (s || '').toLocaleUpperCase('vi');

/** The title a unit's head signs with: Giám đốc of a Sở, Chánh Văn phòng, Trưởng ban… */
export function signerTitle(unitName) {
  const name = unitName || '';
  if (/^Sở /.test(name)) return 'GIÁM ĐỐC';
  if (/^Văn phòng/.test(name)) return 'CHÁNH VĂN PHÒNG';
  if (/^Ban /.test(name)) return 'TRƯỞNG BAN';
  if (/^Thanh tra/.test(name)) return 'CHÁNH THANH TRA';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

/** "tuần 26/11 – 02/12/2026" from "Tuần 26/11 – 02/12/2026", for use inside a sentence. */
export function inSentence(name) {
  return name ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : '';
}

/** A paragraph per line of a narrative; nothing when it is empty. */
export function Paragraphs({ text, empty }) {
  const paras = (text || '').split(/\n+/).map((p) => p.trim()).filter(Boolean);
  if (paras.length === 0) return empty ? <p class="doc-p">{empty}</p> : null;
  return paras.map((p, i) => (
    <p key={i} class="doc-p">
      {p}
    </p>
  ));
}

/** A bordered table with numbered rows; `columns`: [{label, cell(row), class}]. */
export function DocTable({ columns, rows, label }) {
  if (!rows || rows.length === 0) return null;
  return (
    <div class="doc-table-wrap">
      <table class="doc-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" class="doc-stt">
              STT
            </th>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={c.class}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td class="doc-stt">{i + 1}</td>
              {columns.map((c) => (
                <td key={c.label} class={c.class}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The whole document. `issuer`: the body's name ("Sở Xây dựng"); `code`: its short code for
 * the number ("SXD"); `submittedAt`, `signer` (name), `version`: from the frozen version.
 */
export function Document({ issuer, code, subject, submittedAt, recipients, signer, signerName, version, children }) {
  return (
    <article class="paper" aria-label="Bản in báo cáo">
      <header class="doc-head">
        <div class="doc-agency">
          <p class="doc-agency-parent">UBND TỈNH THANH HÓA</p>
          <p class="doc-agency-name">{upper(issuer)}</p>
          <p class="doc-number">
            Số:<span class="doc-number-blank" /> /BC-{code}
          </p>
        </div>
        <div class="doc-nation">
          <p class="doc-nation-name">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p class="doc-motto">Độc lập - Tự do - Hạnh phúc</p>
          <p class="doc-date">{documentDateLine(submittedAt)}</p>
        </div>
      </header>
      <h1 class="doc-title">BÁO CÁO</h1>
      <p class="doc-subject">{subject}</p>
      <div class="doc-body">{children}</div>
      <footer class="doc-foot">
        <div class="doc-recipients">
          <p class="doc-recipients-title">Nơi nhận:</p>
          <ul>
            {recipients.map((r, i) => (
              <li key={i}>- {r}</li>
            ))}
          </ul>
        </div>
        <div class="doc-signer">
          <p class="doc-signer-title">{signer}</p>
          <p class="doc-sign-note">
            (Đã gửi trên hệ thống Thông suốt lúc {formatDateTime(submittedAt)}, phiên bản {version})
          </p>
          <p class="doc-signer-name">{signerName}</p>
        </div>
      </footer>
    </article>
  );
}
