// How values read to a person: times in the viewer's locale, durations, enum names as words.
export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function words(enumValue) {
  if (!enumValue) return '';
  const text = String(enumValue).toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function shortHash(hash) {
  return hash ? `${hash.slice(0, 12)}…` : '';
}
