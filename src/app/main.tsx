// First: configures zod before any schema parses (CSP without 'unsafe-eval').
import './zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootstrap } from './bootstrap';
import { installTestHandle } from './test-handle';
import { createAppStore } from '../store/app-store';
import '../styles/app.css';

const store = createAppStore();
const handle = installTestHandle(store);
// Off by default: the offline basemap needs nothing from outside the app's origin.
const styleUrl = (import.meta.env['VITE_BASEMAP_STYLE_URL'] as string | undefined) || undefined;

// Before React and the map start: loading begins at once (see bootstrap's early prefetch).
void bootstrap(store, location.search, document.baseURI);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} onMap={(m) => handle.setMap(m)} styleUrl={styleUrl} />
    </StrictMode>,
  );
}
