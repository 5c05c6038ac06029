/** Prints the plain closing line "N passed, N failed, N skipped" from Vitest's JSON report. */
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'artifacts/test-results.json';
const report = JSON.parse(readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
if (report.numPassedTests === 0) process.exitCode = 1;
