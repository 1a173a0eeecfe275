import { addCounts, countEscapes, noEscapes } from '../../../devtools/stats/count-escapes';

describe('counting type escapes from the syntax tree', () => {
  it('counts casts but not `as const` nor import and export renames', () => {
    const text = [
      "import { a as b } from './a';",
      "import * as ns from './ns';",
      'export { b as c };',
      'const x = y as string;',
      'const z = <number>w;',
      "const k = ['a'] as const;",
      'const u = v as unknown as Thing;', // two casts
    ].join('\n');
    expect(countEscapes(text)).toEqual({ casts: 4, nonNull: 0, definite: 0, any: 0 });
  });

  it('counts non-null and definite-assignment `!`, not negation, `!==` or a `!` in a string', () => {
    const text = [
      'const a = map.get(k)!;',
      'const b = !ok && x !== y;',
      "const s = 'wow!';",
      'let later!: number;',
      'class C { field!: string; }',
      'f(o!.p!);',
    ].join('\n');
    expect(countEscapes(text)).toEqual({ casts: 0, nonNull: 3, definite: 2, any: 0 });
  });

  it('counts the `any` keyword wherever it is a type, not the word in names, strings or comments', () => {
    const text = [
      'function f(a: any, b: any[]): Promise<any> { return a; }',
      "const anyone = 'any';",
      '// any old comment',
      'const g = h as any;',
    ].join('\n');
    expect(countEscapes(text)).toEqual({ casts: 1, nonNull: 0, definite: 0, any: 4 });
  });

  it('adds counts', () => {
    const sum = addCounts(addCounts(noEscapes(), countEscapes('x!; y as T;')), countEscapes('let a: any;'));
    expect(sum).toEqual({ casts: 1, nonNull: 1, definite: 0, any: 1 });
  });
});
