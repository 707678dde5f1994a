// The training conference screens, loaded together on demand (see routes.js).
import '../reports/common.css';
import './trainings.css';

export { TrainingsScreen } from './TrainingsScreen.jsx';
export { TrainingScreen } from './TrainingScreen.jsx';
export { TrainingCreateScreen, TrainingEditScreen } from './TrainingFormScreens.jsx';
