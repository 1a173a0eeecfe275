/** The config and hosts of an OCDS portal's kind, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceConfigBase, SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

export interface NoticeSourceConfig extends SourceConfigBase {
  /** Terms a notice must name (title, description, items, buyer or suppliers) to be watched. */
  terms: string[];
  /** Stages asked for (`planning`, `tender`, `award`); none = all. */
  stages?: ('planning' | 'tender' | 'award')[];
  /** How many days back the window of updated notices reaches (default 7). */
  windowDays?: number;
}

/** Which kind a portal is, and which endpoint family serves it: what both its declaration and its parsers need. */
export interface PortalPlace {
  kind: string;
  endpoint: 'findATender' | 'contractsFinder';
}

export function noticeDeclaration(place: PortalPlace): SourceDeclaration<NoticeSourceConfig> {
  return {
    kind: place.kind,
    schema: z
      .object({
        ...baseFields,
        kind: z.literal(place.kind),
        terms: z.array(z.string().min(2).max(80)).min(1),
        stages: z
          .array(z.enum(['planning', 'tender', 'award']))
          .min(1)
          .optional(),
        windowDays: z.number().int().min(1).max(30).optional(),
      })
      .strict(),
    hosts: (_config, endpoints) => [new URL(endpoints[place.endpoint]).host],
  };
}
