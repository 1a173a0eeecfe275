/** `npm test`'s first step: stops in well under a second, before the type-check, when something is missing. */
import { missingRequirements } from './requirements';

const missing = missingRequirements();
if (missing.length) {
  process.stderr.write(`npm test cannot run on this machine yet:\n${missing.map((m) => `  - ${m}`).join('\n')}\n`);
  process.exit(1);
}
