#!/usr/bin/env node
// Prints how many tests vitest skipped in the JSON reports given as arguments, naming each one; exits 1 when
// any was skipped (CI must run every suite: a missing tool is an install step to add, not a skip).
import { readFileSync } from 'node:fs';

let skipped = 0;
let total = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  total += report.numTotalTests;
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === 'passed' || test.status === 'failed') continue;
      skipped++;
      console.log(
        `  skipped (${test.status}): ${suite.name.replace(process.cwd() + '/', '')} › ${test.fullName}`,
      );
    }
  }
}
console.log(`skipped tests: ${skipped} of ${total}`);
process.exit(skipped === 0 ? 0 : 1);
