// The tablet app (index.html): Svelte 5, hash routes, the service worker for offline use (docs/decisions.md D18).
import { mount } from 'svelte';
import App from './app/App.svelte';
import './style.css';

const target = document.getElementById('app')!;
target.replaceChildren(); // the splash of index.html
mount(App, { target });

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true })).catch(() => undefined);
}
