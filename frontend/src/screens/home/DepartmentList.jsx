// For Sở Nội vụ, which compiles the departments' reports: the departments of the province.
import { listUnits } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber } from '../../format.js';
import { useResource } from '../../useResource.js';
import { Section } from './Section.jsx';

export function DepartmentList() {
  const { data, error, loading, retry } = useResource(() => listUnits({ kind: 'department' }), []);
  return (
    <Section id="departments" title="Các sở, ban, ngành tổng hợp báo cáo">
      {error ? (
        <ErrorMessage title="Không tải được danh sách sở, ban, ngành." error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <>
          <p class="section-lead">{formatNumber(data.items.length)} sở, ban, ngành thuộc UBND tỉnh:</p>
          <ol class="plain-list columns">
            {data.items.map((u) => (
              <li key={u.id}>{u.name}</li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}
