/**
 * Ends every jest run with one plain line, "N passed, N failed" (and skipped when any), so
 * CI and people see the outcome last, whatever the default reporter printed before it.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`\ntests: ${line}\n`);
  }
}
module.exports = SummaryReporter;
