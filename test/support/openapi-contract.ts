/**
 * A vendored OpenAPI 3.0 description (Parliament's Bills API, its Written Questions and Statements
 * API) turned into ajv validators for response bodies. OpenAPI 3.0 component schemas are not JSON
 * Schema: `nullable: true` becomes a `null` alternative, and the two formats the descriptions use
 * are given their meaning here.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0 → JSON Schema: `nullable` as a type union, `$ref`s into `#/definitions`. A property that
 * refers to an object schema may also be null: OpenAPI 3.0 ignores siblings of `$ref`, so a generated
 * description cannot say so, but the API does answer `null` there (`sponsors[].organisation` in the
 * recorded `/api/v1/Bills/2818`).
 */
function toJsonSchema(node: unknown, objects: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, objects));
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k === 'nullable') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/components/schemas/', '#/definitions/');
    else if (k === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(v as Record<string, Schema>).map(([name, prop]) => {
          const ref = typeof prop.$ref === 'string' ? prop.$ref.replace('#/components/schemas/', '') : null;
          const converted = toJsonSchema(prop, objects);
          return [name, ref && objects.has(ref) ? { anyOf: [converted, { type: 'null' }] } : converted];
        }),
      );
    } else out[k] = toJsonSchema(v, objects);
  }
  if ((node as Schema).nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export interface OpenApiContract {
  /** The validator for the 200 response of the operation whose path template matches `path`. */
  forPath(path: string): { operation: string; schema: string; validate: ValidateFunction };
  /** The validator for one component schema, by name (`AmendmentDetail`). */
  forSchema(name: string): ValidateFunction;
}

/**
 * `file`: a vendored OpenAPI 3.0 description; `added`: fields the live API answers with that the
 * description does not list, each seen in a real recording (never invented); `api`: how errors name it.
 */
export function loadOpenApiContract(
  file: string,
  api: string,
  added: Record<string, Record<string, unknown>> = {},
): OpenApiContract {
  const spec = parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, { get?: { responses?: Record<string, any> } }>;
    components: { schemas: Record<string, Schema> };
  };
  const components: Record<string, Schema> = structuredClone(spec.components.schemas);
  for (const [name, extra] of Object.entries(added)) {
    components[name].properties = { ...(components[name].properties as Schema), ...extra };
  }
  const objects = new Set(Object.keys(components).filter((n) => components[n].type === 'object'));
  const definitions = toJsonSchema(components, objects) as Record<string, Schema>;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  // The API writes local date-times without an offset ("2021-05-04T10:42:08.0579851"), which RFC 3339's
  // `date-time` rejects: read the description's `date-time` as ISO 8601 with an optional offset.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  const isoDateTime = ajv.formats['iso-date-time'];
  ajv.addFormat('date-time', isoDateTime as never);
  ajv.addSchema({ $id: 'api', definitions });
  const bySchema = new Map<string, ValidateFunction>();
  const forSchema = (name: string): ValidateFunction => {
    if (!definitions[name]) throw new Error(`The ${api} description has no schema ${name}.`);
    if (!bySchema.has(name)) bySchema.set(name, ajv.compile({ $ref: `api#/definitions/${name}` }));
    return bySchema.get(name)!;
  };
  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i'),
  }));
  return {
    forSchema,
    forPath(path) {
      const found = templates.find((t) => t.pattern.test(path));
      const ref: string | undefined =
        found && spec.paths[found.template].get?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
      if (!found || !ref) throw new Error(`The ${api} description has no JSON GET operation for ${path}.`);
      const schema = ref.replace('#/components/schemas/', '');
      return { operation: `GET ${found.template}`, schema, validate: forSchema(schema) };
    },
  };
}

/** ajv's errors as one line each: where, and what. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => {
    const extra = e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : '';
    return `${e.instancePath || '(root)'} ${e.message}${extra}`;
  });
}
