// Under the department inbox while issues are picked: how many, and "Gộp nhóm" to put the same
// question from several communes into one group that is answered once (POST /issue-groups).
import { useEffect, useRef, useState } from 'preact/hooks';
import { TextField } from '../../components/Field.jsx';
import { setFlash } from '../../flash.js';
import { formatNumber } from '../../format.js';
import { createGroup } from '../../issuesApi.js';
import { navigate } from '../../router.js';
import { fieldErrors } from './submit.js';

export function GroupBar({ selected, onClear }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const titleRef = useRef(null);
  const count = selected.size;

  useEffect(() => {
    if (open && titleRef.current) titleRef.current.focus();
  }, [open]);
  if (count === 0) return null;

  function start() {
    const first = selected.values().next().value;
    if (!title && first) setTitle(first.title);
    setOpen(true);
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    if (title.trim().length < 3) {
      setErrors({ title: 'Đặt tên nhóm, ít nhất 3 ký tự.' });
      titleRef.current && titleRef.current.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const group = await createGroup(title.trim(), [...selected.keys()]);
      setFlash(`Đã gộp ${formatNumber(count)} kiến nghị thành nhóm “${group.title}”.`, `/kien-nghi/nhom/${group.id}`);
      navigate(`/kien-nghi/nhom/${group.id}`);
    } catch (err) {
      setBusy(false);
      setErrors(err.code === 'group_member_not_held' ? { form: `${err.message} Hãy bỏ chọn các kiến nghị đã được trả lời hoặc chuyển đi rồi thử lại.` } : fieldErrors(err, { title: 'title', issue_ids: 'form' }));
    }
  }

  return (
    <section class="group-bar" aria-label="Gộp nhóm kiến nghị">
      <div class="group-bar-row">
        <p class="group-bar-count" role="status">
          Đã chọn {formatNumber(count)} kiến nghị{count < 2 && ' — chọn ít nhất 2 để gộp nhóm'}
        </p>
        {!open && (
          <p class="actions">
            <button type="button" class="button" disabled={count < 2} onClick={start}>
              Gộp nhóm
            </button>
            <button type="button" class="button button-secondary" onClick={onClear}>
              Bỏ chọn
            </button>
          </p>
        )}
      </div>
      {open && (
        <form class="form group-bar-form" onSubmit={submit} noValidate>
          {errors.form && (
            <p class="form-error" role="alert" tabIndex={-1}>
              {errors.form}
            </p>
          )}
          <TextField
            id="group-title"
            label="Tên nhóm (câu hỏi chung)"
            hint="Các kiến nghị trong nhóm được trả lời một lần; mỗi xã nhận câu trả lời riêng."
            maxLength={300}
            inputRef={titleRef}
            value={title}
            error={errors.title}
            onInput={(e) => {
              setTitle(e.currentTarget.value);
              if (errors.title) setErrors({});
            }}
          />
          <p class="actions">
            <button type="submit" class="button" disabled={busy || count < 2}>
              {busy ? 'Đang tạo nhóm…' : `Tạo nhóm ${formatNumber(count)} kiến nghị`}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => setOpen(false)}>
              Hủy
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
