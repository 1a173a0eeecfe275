/** Types of covering-sequencer.js's pure part (a plain .js file: jest loads a sequencer without transforming it). */
export function namesInPattern(pattern: string): string[] | null;
export function filesFor(
  pattern: string | undefined,
  index: { testResults: { name: string; assertionResults: { fullName: string }[] }[] },
  indexRoot: string,
): Set<string> | null;
