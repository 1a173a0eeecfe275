/** The catalog a configuration defines: its sources, and the change types they can raise (built-in and configured). */
import { buildCatalog, type Catalog } from './core/catalog';
import type { Config } from './config';
import { schedulesFor } from './schedules';

export function catalogOf(config: Pick<Config, 'sources' | 'deploy'>): Catalog {
  // An html-list names its own row events (supplier-debarred…): those are types too.
  const configured = config.sources.flatMap((s) => {
    const events = 'events' in s ? s.events : undefined;
    return typeof events === 'object' && events !== null
      ? Object.values(events).filter((e): e is string => typeof e === 'string')
      : [];
  });
  return buildCatalog(
    config.sources.map((s) => ({ id: s.id, name: s.name ?? s.id, group: s.group })),
    configured,
    scheduleOf(config),
  );
}

/** Group → schedule expression, as the deployed checker runs them. */
export function scheduleOf(config: Pick<Config, 'deploy'>): Record<string, string> {
  return schedulesFor(config.deploy?.schedules);
}
