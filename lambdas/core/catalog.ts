/**
 * What a change-log filter may name: the configured sources and every change type they can raise.
 * An unknown value is an error listing the known ones, never a silently empty answer.
 */
import { CHANGE_TYPES, labelFromType, type ChangeTypeInfo } from './change-types';
import { ProcwatchError } from './errors';

export interface CatalogSource {
  id: string;
  name: string;
  group?: string;
}

export interface Catalog {
  sources: CatalogSource[];
  types: ChangeTypeInfo[];
  /** Group → schedule expression: when the sources dashboard says each source is next checked. */
  schedules?: Record<string, string>;
}

/** `extraTypes`: types the configuration names (an html-list's events), in the procurement group. */
export function buildCatalog(
  sources: CatalogSource[],
  extraTypes: string[] = [],
  schedules?: Record<string, string>,
): Catalog {
  const known = new Set(CHANGE_TYPES.map((t) => t.type));
  const extra = [...new Set(extraTypes)]
    .filter((t) => !known.has(t))
    .map((type): ChangeTypeInfo => ({ type, label: labelFromType(type), group: 'procurement' }));
  return { sources, types: [...CHANGE_TYPES, ...extra], schedules };
}

/** Throws `invalid-parameter` naming the first unknown value and listing the valid ones. */
export function checkKnown(field: 'source' | 'type', values: string[], catalog: Catalog): void {
  const valid = field === 'source' ? catalog.sources.map((s) => s.id) : catalog.types.map((t) => t.type);
  const unknown = values.filter((v) => !valid.includes(v));
  if (!unknown.length) return;
  const what = field === 'source' ? 'source' : 'change type';
  throw new ProcwatchError(
    'invalid-parameter',
    `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is not a known' : 'are not known'} ` +
      `${what}${unknown.length === 1 ? '' : 's'}; known: ${valid.join(', ')}.`,
    { field, valid },
  );
}
