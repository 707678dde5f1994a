// "Ghi nhận hội nghị" and "Sửa hội nghị": load what the form needs (the department's fields,
// the reference lists, the training being edited), then show TrainingForm.
import { getUnit } from '../../api.js';
import { getTraining, listTrainings } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { loadRefs } from './refs.js';
import { TrainingForm } from './TrainingForm.jsx';

const DEPARTMENT_ROLES = ['department_officer', 'department_head'];

function Frame({ title, back, children }) {
  useTitle(title);
  return (
    <section class="training-form-page" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link href={back.href}>{back.label}</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

function NotDepartment() {
  return <p class="empty">Chỉ chuyên viên và lãnh đạo sở, ban, ngành ghi nhận hội nghị tập huấn của đơn vị mình.</p>;
}

export function TrainingCreateScreen({ user }) {
  const unitId = user.unit && user.unit.id;
  const setup = useResource(
    () =>
      Promise.all([
        getUnit(unitId),
        loadRefs(),
        // The next round: one more than the department's latest conference.
        listTrainings({ unitId, limit: 1 }).then(
          (b) => (b.items[0] ? b.items[0].round + 1 : 1),
          () => 1,
        ),
      ]),
    [unitId],
  );
  const back = { href: '/tap-huan', label: 'Hội nghị tập huấn' };
  if (!DEPARTMENT_ROLES.includes(user.role)) {
    return (
      <Frame title="Ghi nhận hội nghị tập huấn" back={back}>
        <NotDepartment />
      </Frame>
    );
  }
  return (
    <Frame title="Ghi nhận hội nghị tập huấn" back={back}>
      {setup.error ? (
        <ErrorMessage title="Không tải được dữ liệu cho biểu mẫu." error={setup.error} onRetry={setup.retry} />
      ) : !setup.data ? (
        <Loading />
      ) : (
        <TrainingForm training={null} unit={setup.data[0]} refs={setup.data[1]} suggestedRound={setup.data[2]} />
      )}
    </Frame>
  );
}

export function TrainingEditScreen({ user, params }) {
  const unitId = user.unit && user.unit.id;
  const setup = useResource(() => Promise.all([getTraining(params.id), getUnit(unitId), loadRefs()]), [params.id, unitId]);
  const back = { href: `/tap-huan/${params.id}`, label: setup.data ? setup.data[0].title : 'Hội nghị' };
  let body;
  if (setup.error) body = <ErrorMessage title="Không tải được hội nghị." error={setup.error} onRetry={setup.retry} />;
  else if (!setup.data) body = <Loading />;
  else if (!DEPARTMENT_ROLES.includes(user.role) || setup.data[0].organizer.id !== unitId)
    body = <p class="empty">Chỉ đơn vị tổ chức được sửa hội nghị này.</p>;
  else body = <TrainingForm key={params.id} training={setup.data[0]} unit={setup.data[1]} refs={setup.data[2]} />;
  return (
    <Frame title="Sửa hội nghị tập huấn" back={back}>
      {body}
    </Frame>
  );
}
