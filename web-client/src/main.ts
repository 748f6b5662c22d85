// The tablet app (index.html): Svelte 5, hash routes, the service worker for offline use (docs/decisions.md D18).
import { mount } from 'svelte';
import App from './app/App.svelte';
import './style.css';

mount(App, { target: document.getElementById('app')! });

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true })).catch(() => undefined);
}
