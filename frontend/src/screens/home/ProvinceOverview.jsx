// "Tổng quan tỉnh": how many communes and wards, departments and fields the system covers —
// counted from the reference data, not estimated.
import { listFields, listUnits } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { useResource } from '../../useResource.js';
import { Section } from './Section.jsx';

function load() {
  return Promise.all([listUnits({ kind: 'commune' }), listUnits({ kind: 'department' }), listFields()]).then(
    ([communes, departments, fields]) => {
      let wards = 0;
      for (const u of communes.items) if (u.commune_type === 'phường') wards += 1;
      return {
        communes: communes.items.length,
        wards,
        departments: departments.items.length,
        fields: fields.items.length,
      };
    },
  );
}

export function ProvinceOverview() {
  const { data, error, loading, retry } = useResource(load, []);
  return (
    <Section id="overview" title="Phạm vi theo dõi toàn tỉnh">
      {error ? (
        <ErrorMessage title="Không tải được số liệu đơn vị." error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <>
          <ul class="stats">
            <li class="stat">
              <span class="stat-number">{formatNumber(data.communes)}</span>
              <span class="stat-label">
                xã, phường ({formatNumber(data.wards)} phường, {formatNumber(data.communes - data.wards)} xã)
              </span>
            </li>
            <li class="stat">
              <span class="stat-number">{formatNumber(data.departments)}</span>
              <span class="stat-label">sở, ban, ngành cấp tỉnh</span>
            </li>
            <li class="stat">
              <span class="stat-number">{formatNumber(data.fields)}</span>
              <span class="stat-label">lĩnh vực được phân công</span>
            </li>
          </ul>
          <p class="section-more">
            <Link href="/don-vi">Xem danh mục đơn vị</Link>
          </p>
        </>
      )}
    </Section>
  );
}
