// The administration screens, loaded together on demand (see routes.js).
export { AuditScreen } from './audit/AuditScreen.jsx';
export { TokensScreen } from './tokens/TokensScreen.jsx';
export { UserCreateScreen } from './users/UserCreateScreen.jsx';
export { UserEditScreen } from './users/UserEditScreen.jsx';
export { UsersScreen } from './users/UsersScreen.jsx';
