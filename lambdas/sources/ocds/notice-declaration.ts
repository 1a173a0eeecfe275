/** The config and hosts of an OCDS portal's kind, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

/** The config of a portal's kind: the same fields for each portal, under its own `kind`. */
function noticeSchema(kind: string) {
  return z
    .object({
      ...baseFields,
      kind: z.literal(kind),
      /** Terms a notice must name (title, description, items, buyer or suppliers) to be watched. */
      terms: z.array(z.string().min(2).max(80)).min(1),
      /** Stages asked for (`planning`, `tender`, `award`); none = all. */
      stages: z
        .array(z.enum(['planning', 'tender', 'award']))
        .min(1)
        .optional(),
      /** How many days back the window of updated notices reaches (default 7). */
      windowDays: z.number().int().min(1).max(30).optional(),
    })
    .strict();
}

export type NoticeSourceConfig = z.output<ReturnType<typeof noticeSchema>>;

/** Which kind a portal is, and which endpoint family serves it: what both its declaration and its parsers need. */
export interface PortalPlace {
  kind: string;
  endpoint: 'findATender' | 'contractsFinder';
}

export function noticeDeclaration(place: PortalPlace): SourceDeclaration<NoticeSourceConfig> {
  return {
    kind: place.kind,
    schema: noticeSchema(place.kind),
    hosts: (_config, endpoints) => [new URL(endpoints[place.endpoint]).host],
  };
}
