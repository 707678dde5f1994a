// The six sections of the directive for one department: the figures and lists compiled from
// the data (read-only) and the narrative people write under each — editable boxes while the
// report is a draft, plain text in a frozen version.
import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { FORMATS, ISSUE_KINDS, SECTIONS, issueState } from './labels.js';

const n = (v) => formatNumber(v ?? 0);

// Who may open an issue's page (party readers read reports only).
const ISSUE_READERS = ['commune_officer', 'department_officer', 'department_head', 'province_office', 'home_affairs', 'leadership'];

function IssueCode({ item, role }) {
  if (!item.code) return null;
  return ISSUE_READERS.includes(role) ? (
    <Link href={`/kien-nghi/${item.id}`} class="mono">
      {item.code}
    </Link>
  ) : (
    <span class="mono">{item.code}</span>
  );
}

const FIRST = 5;

/** The first few items of a long list, and a button for the rest. */
export function useShowMore(items) {
  const [all, setAll] = useState(false);
  const shown = all || items.length <= FIRST + 1 ? items : items.slice(0, FIRST);
  const more =
    items.length > shown.length || all ? (
      <p class="list-more">
        <button type="button" class="button button-small" aria-expanded={all ? 'true' : 'false'} onClick={() => setAll((a) => !a)}>
          {all ? 'Thu gọn danh sách' : `Hiện tất cả ${formatNumber(items.length)} mục`}
        </button>
      </p>
    ) : null;
  return [shown, more];
}

function TrainingItems({ items }) {
  const [shown, more] = useShowMore(items);
  return (
    <>
      <ul class="report-list">
        {shown.map((t) => (
        <li key={t.id} class="report-item">
          <p class="report-item-title">
            <Link href={`/tap-huan/${t.id}`}>{t.title}</Link>
          </p>
          <p class="report-item-meta">
            Lần {t.round} · {formatDateTime(t.starts_at)} · {FORMATS[t.format] || t.format} · {n(t.communes)} xã, phường · {n(t.participants)} học viên
          </p>
        </li>
        ))}
      </ul>
      {more}
    </>
  );
}

function IssueItems({ items, role, meta }) {
  const [shown, more] = useShowMore(items);
  return (
    <>
      <ul class="report-list">
        {shown.map((i) => (
        <li key={i.id} class="report-item">
          <p class="report-item-title">
            <IssueCode item={i} role={role} /> {i.title}
          </p>
          <p class="report-item-meta">{meta(i).filter(Boolean).join(' · ')}</p>
          {i.answer && <p class="report-item-text">Trả lời: {i.answer}</p>}
        </li>
        ))}
      </ul>
      {more}
    </>
  );
}

/** The compiled part of each section: {figure sentence, list}. */
function compiledPart(key, compiled, role) {
  const f = compiled.figures || {};
  switch (key) {
    case 'trainings':
      return {
        figure: `${n(f.trainings)} hội nghị tập huấn`,
        list: compiled.trainings && compiled.trainings.length > 0 && <TrainingItems items={compiled.trainings} />,
      };
    case 'participants':
      return {
        figure: `${n(f.participants)} học viên từ ${n(f.communes_attended)} xã, phường`,
        list: null,
      };
    case 'received':
      return {
        figure: `${n(f.received)} kiến nghị, đề xuất`,
        list: compiled.received && compiled.received.length > 0 && (
          <IssueItems
            items={compiled.received}
            role={role}
            meta={(i) => [i.commune, ISSUE_KINDS[i.kind], i.field, issueState(i.state), i.created_at && `nhận ${formatDateTime(i.created_at)}`]}
          />
        ),
      };
    case 'resolved':
      return {
        figure: `${n(f.resolved)} nội dung`,
        list: compiled.resolved && compiled.resolved.length > 0 && (
          <IssueItems
            items={compiled.resolved}
            role={role}
            meta={(i) => [i.commune, i.answered_at && `trả lời ${formatDateTime(i.answered_at)}`, i.legal_basis && `căn cứ: ${i.legal_basis}`]}
          />
        ),
      };
    case 'higher':
      return {
        figure: `${n(f.higher)} vấn đề`,
        list: compiled.higher && compiled.higher.length > 0 && (
          <IssueItems
            items={compiled.higher}
            role={role}
            meta={(i) => [i.commune, i.escalated_at && `trình ${formatDateTime(i.escalated_at)}`, i.holder && `đang ở ${i.holder}`, issueState(i.state)]}
          />
        ),
      };
    default:
      return { figure: null, list: null };
  }
}

/** Plain text with its line breaks, or a note that nothing was written. */
export function Narrative({ text }) {
  if (!text || !text.trim()) return <p class="narrative narrative-empty">(Không có nội dung thuyết minh.)</p>;
  return (
    <div class="narrative">
      {text.split(/\n+/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </div>
  );
}

function NarrativeBox({ id, section, editor }) {
  const value = editor.text[section.key] || '';
  const theirs = editor.conflict && (editor.conflict.narrative[section.key] || '');
  const differs = editor.conflict && theirs !== value;
  return (
    <div class="field narrative-field">
      <label for={id} class="field-label">
        Thuyết minh<span class="visually-hidden"> – {section.title}</span>
      </label>
      <p id={`${id}-hint`} class="field-hint">
        {section.hint}
      </p>
      <textarea
        id={id}
        class="input textarea"
        rows={section.key === 'other' ? 5 : 4}
        aria-describedby={`${id}-hint`}
        value={value}
        readOnly={editor.readOnly}
        onInput={(e) => editor.setSection(section.key, e.currentTarget.value)}
      />
      {differs && (
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

/**
 * The six sections. `compiled`: the figures and lists (null when only versions are readable);
 * `narrative`: the text to show read-only, or `editor` (from useDraftSaver) to edit it.
 */
export function ReportSections({ idPrefix, compiled, narrative, editor, role, level = 2 }) {
  const H = `h${level}`;
  return (
    <div class="report-sections">
      {SECTIONS.map((section, index) => {
        const part = compiled ? compiledPart(section.key, compiled, role) : { figure: null, list: null };
        const hid = `${idPrefix}-${section.key}-title`;
        return (
          <section key={section.key} class="report-section" aria-labelledby={hid}>
            <H id={hid} class="report-section-title">
              {index + 1}. {section.title}
            </H>
            {part.figure && <p class="report-figure">{part.figure}</p>}
            {part.list}
            {editor ? (
              <NarrativeBox id={`${idPrefix}-${section.key}`} section={section} editor={editor} />
            ) : (
              <>
                <p class="narrative-label">Thuyết minh</p>
                <Narrative text={(narrative || {})[section.key]} />
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
