// "Mã truy cập API": tokens for the read-only reporting API used by Tỉnh ủy and the
// province's leadership. Create one (shown once), see who holds which, revoke.
import { useState } from 'preact/hooks';
import { listApiTokens } from '../../../api.js';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { Loading } from '../../../components/Loading.jsx';
import { formatNumber } from '../../../format.js';
import { useTitle } from '../../../title.js';
import { useResource } from '../../../useResource.js';
import { NewToken } from './NewToken.jsx';
import { TokenCreateForm } from './TokenCreateForm.jsx';
import { TokenList } from './TokenList.jsx';

export function TokensScreen() {
  useTitle('Mã truy cập API');
  const tokens = useResource((signal) => listApiTokens({ signal }), []);
  const [created, setCreated] = useState(null);
  const [formKey, setFormKey] = useState(0);
  const items = (tokens.data && tokens.data.items) || [];

  return (
    <>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Mã truy cập API
      </h1>
      <p class="page-lead">
        Mã dùng cho công cụ báo cáo của Tỉnh ủy và lãnh đạo tỉnh đọc số liệu qua API (chỉ đọc). Mỗi mã gắn với một
        tài khoản Cán bộ Tỉnh ủy (theo dõi) hoặc Lãnh đạo tỉnh và có hạn dùng tối đa 1 năm.
      </p>
      {created ? (
        <NewToken
          token={created}
          onClose={() => {
            setCreated(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <TokenCreateForm
          key={formKey}
          onCreated={(t) => {
            setCreated(t);
            tokens.retry();
          }}
        />
      )}
      <section aria-labelledby="tokens-title" class="block">
        <h2 id="tokens-title" class="section-title">
          Các mã đã cấp
        </h2>
        {tokens.error ? (
          <ErrorMessage title="Không tải được danh sách mã." error={tokens.error} onRetry={tokens.retry} />
        ) : tokens.loading && !tokens.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <p class="empty">Chưa cấp mã nào.</p>
        ) : (
          <>
            <p class="count">{formatNumber(tokens.data.total ?? items.length)} mã</p>
            <TokenList tokens={items} onRevoked={tokens.retry} />
          </>
        )}
      </section>
    </>
  );
}
