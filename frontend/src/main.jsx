// Entry point: mounts the app into #app. Styles are imported here so Vite emits one CSS file.
import { render } from 'preact';
import './styles.css';
import { App } from './app.jsx';

render(<App />, document.getElementById('app'));
