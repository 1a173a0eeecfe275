/**
 * The two registries of source kinds: the declarations the config reads (schemas, hosts, sites) and the
 * kinds the checker runs (requests and parsers, no schema: a deployed checker reads its config resolved
 * at synth). They list the same kinds, in the same order, so a config that validates is one the checker
 * can run, and a kind's parsers never come with its schema.
 */
import { sourceKinds } from '../../../lambdas/sources';
import { sourceDeclarations } from '../../../lambdas/sources/declarations';

describe('the source declarations and the source kinds', () => {
  it('list the same kinds in the same order', () => {
    expect(Object.keys(sourceDeclarations)).toEqual(Object.keys(sourceKinds));
  });

  it.each(Object.keys(sourceKinds))('%s: the declaration and the kind name it alike, apart', (name) => {
    const declaration = sourceDeclarations[name];
    const kind = sourceKinds[name];
    expect(declaration.kind).toBe(name);
    expect(kind.kind).toBe(name);
    // The checker's side carries no part of the config's: no schema, hosts or site to build at load.
    for (const part of ['schema', 'hosts', 'site']) expect(kind).not.toHaveProperty(part);
  });
});
