// Hash routes (#/feed, #/videos/ID), so the host serves one index.html and a reload keeps the screen.
import { signal } from './signal.js';

function parse() {
  const raw = location.hash.replace(/^#/, '') || '/feed';
  const [path, query = ''] = raw.split('?');
  return { path, parts: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

export const route = signal(parse());
addEventListener('hashchange', () => route.set(parse()));

export function navigate(path) {
  if (location.hash === `#${path}`) route.set(parse());
  else location.hash = path;
}

export function href(path) {
  return `#${path}`;
}
