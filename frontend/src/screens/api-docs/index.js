// The API reference and the analysts' guide: one chunk, fetched only when opened.
export { ApiDocsScreen } from './ApiDocsScreen.jsx';
export { ApiGuideScreen } from './ApiGuideScreen.jsx';
