import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/types';
import { initI18n } from './i18n';
import { AppRoot } from './app/AppRoot';
import './app/global.css';

initI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);
