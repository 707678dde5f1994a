// The password screens, loaded on demand (see routes.js and app.jsx).
export { ChangePasswordScreen } from './ChangePasswordScreen.jsx';
export { ForcedPasswordScreen } from './ForcedPasswordScreen.jsx';
