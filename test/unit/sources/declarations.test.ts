/**
 * The two registries of source kinds: the declarations the config reads (schemas, hosts, sites) and the
 * kinds the checker runs (the same, with their parsers). They list the same kinds, in the same order,
 * and each kind is its declaration plus parsers: a config that validates is one the checker can run.
 */
import { sourceKinds } from '../../../lambdas/sources';
import { sourceDeclarations } from '../../../lambdas/sources/declarations';

describe('the source declarations and the source kinds', () => {
  it('list the same kinds in the same order', () => {
    expect(Object.keys(sourceDeclarations)).toEqual(Object.keys(sourceKinds));
  });

  it.each(Object.keys(sourceKinds))('%s: the kind carries its declaration’s schema, hosts and site', (name) => {
    const declaration = sourceDeclarations[name];
    const kind = sourceKinds[name];
    expect(declaration.kind).toBe(name);
    expect(kind.kind).toBe(name);
    expect(kind.schema).toBe(declaration.schema);
    // The same hosts and site functions: functions compare by reference.
    expect(kind).toEqual(expect.objectContaining({ ...declaration }));
  });
});
