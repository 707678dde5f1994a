// One account: change its name, role and unit; disable or re-enable it; reset its password.
// Each is saved on its own, and each ends the user's current sessions on the server.
import { useState } from 'preact/hooks';
import { getUser } from '../../../api.js';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { Loading } from '../../../components/Loading.jsx';
import { roleLabel } from '../../../roles.js';
import { Link } from '../../../router.js';
import { useTitle } from '../../../title.js';
import { useResource } from '../../../useResource.js';
import { UserDetailsForm } from './UserDetailsForm.jsx';
import { UserStatus } from './UserStatus.jsx';
import { UserPasswordReset } from './UserPasswordReset.jsx';

export function UserEditScreen({ params, user: me }) {
  const loaded = useResource((signal) => getUser(params.id, { signal }), [params.id]);
  // The latest version of the account, after any save.
  const [saved, setSaved] = useState(null);
  const user = saved && String(saved.id) === String(params.id) ? saved : loaded.data;
  useTitle(user ? `Người dùng ${user.username}` : 'Người dùng');

  return (
    <section class="narrow" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link href="/quan-tri/nguoi-dung">Người dùng</Link> <span aria-hidden="true">›</span>
      </p>
      {loaded.error ? (
        <>
          <h1 id="page-title" class="page-title" tabIndex={-1}>
            Người dùng
          </h1>
          <ErrorMessage
            title={loaded.error.status === 404 ? 'Không tìm thấy người dùng này.' : 'Không tải được thông tin người dùng.'}
            error={loaded.error}
            onRetry={loaded.error.status === 404 ? null : loaded.retry}
          />
        </>
      ) : !user ? (
        <Loading>Đang tải thông tin người dùng…</Loading>
      ) : (
        <>
          <h1 id="page-title" class="page-title" tabIndex={-1}>
            {user.full_name}
          </h1>
          <p class="page-meta">
            <span class="mono">{user.username}</span> · {roleLabel(user.role)}
            {user.unit && <> · {user.unit.name}</>}
          </p>
          <UserDetailsForm key={`d${user.id}`} user={user} onSaved={setSaved} />
          <UserStatus user={user} self={me && me.id === user.id} onSaved={setSaved} />
          <UserPasswordReset key={`p${user.id}`} user={user} onDone={() => setSaved({ ...user, must_change_password: true })} />
        </>
      )}
    </section>
  );
}
