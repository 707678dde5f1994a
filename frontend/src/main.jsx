// Entry point: mounts the app into #app and restores the session from the refresh cookie.
// Styles are imported here so Vite emits one CSS file.
import { render } from 'preact';
import './styles.css';
import { restoreSession } from './api.js';
import { App } from './app.jsx';

render(<App />, document.getElementById('app'));
restoreSession();
