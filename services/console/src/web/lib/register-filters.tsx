// A register opened from a figure of the dashboard carries that figure's filters in its address
// (`#/cases?region=…&from=…&to=…`): the list asks its service with them and says it is filtered.
import { useI18n } from '../i18n.ts';
import type { Route } from './router.ts';

/** The address's values of `keys`, to add to the list's query. */
export function registerFilters(route: Route, keys: readonly string[]): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of keys) {
    const value = route.params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function FilteredNote({ filters, clear }: { filters: Record<string, string>; clear: string }) {
  const { t } = useI18n();
  if (Object.keys(filters).length === 0) return null;
  return (
    <p class="muted filtered-note">
      {t('dashFiltered')} <a href={clear}>{t('dashClearFilters')}</a>
    </p>
  );
}
