/**
 * Counts the places where code steps outside the type checker: `as` casts (and `<T>x` assertions),
 * non-null `!` assertions, definite-assignment `!` and the `any` keyword. Read from the syntax tree
 * (the TypeScript compiler API), so `as const`, `import { a as b }`, `export * as ns`, a `!` inside a
 * string or `!==` are never counted, as a regular expression would.
 */
import ts from 'typescript';

export interface EscapeCounts {
  /** `x as T` and `<T>x`, not `as const`. */
  casts: number;
  /** `x!`. */
  nonNull: number;
  /** `let x!: T` and `field!: T`: a promise to the checker that a value will be there. */
  definite: number;
  /** The `any` type keyword, wherever it is written. */
  any: number;
}

export const noEscapes = (): EscapeCounts => ({ casts: 0, nonNull: 0, definite: 0, any: 0 });

export function addCounts(into: EscapeCounts, more: EscapeCounts): EscapeCounts {
  into.casts += more.casts;
  into.nonNull += more.nonNull;
  into.definite += more.definite;
  into.any += more.any;
  return into;
}

const isAsConst = (type: ts.TypeNode): boolean =>
  ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const';

/** The counts of one file's source text (`fileName` only picks TS or TSX parsing). */
export function countEscapes(text: string, fileName = 'file.ts'): EscapeCounts {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const counts = noEscapes();
  const visit = (node: ts.Node): void => {
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isAsConst(node.type)) counts.casts++;
    else if (ts.isNonNullExpression(node)) counts.nonNull++;
    else if (node.kind === ts.SyntaxKind.AnyKeyword) counts.any++;
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.exclamationToken) {
      counts.definite++;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return counts;
}
