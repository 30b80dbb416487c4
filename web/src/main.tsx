import { validateWithoutEval } from '@serambi/shared';
import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import './styles.css';

// Before anything is parsed: the CSP allows no eval, and zod would probe for it (see there).
validateWithoutEval();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
