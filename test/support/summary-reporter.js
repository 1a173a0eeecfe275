/**
 * Ends every jest run with one plain line, "N passed, N failed" (and skipped when any), so
 * CI and people read the outcome last. Written at process exit: jest's own summary comes after
 * every reporter's onRunComplete, and this line must follow it.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.once('exit', () => process.stderr.write(`tests: ${line}\n`));
  }
}
module.exports = SummaryReporter;
