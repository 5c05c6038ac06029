// The global sheet first: every feature's and component's own sheet comes after it and may refine it.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { loadDictionary, storedLocale } from './lib/i18n/i18n.tsx';

// The saved language's dictionary (Kazakh, English) is a chunk of its own: the first render waits
// for it, so its reader never sees Russian first. Russian is bundled and renders at once.
const saved = storedLocale();
void (saved ? loadDictionary(saved) : Promise.resolve()).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
