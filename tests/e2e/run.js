// Runs the end-to-end suites a few at a time, the longest first.
//
// `node --test` sorts the files it is given by name, so a long suite whose name sorts last
// starts last and runs alone at the end. This runner hands node's test runner the files in
// the order below (its `run()` keeps the order it is given), so the long suites overlap the
// short ones and the step takes about the sum of the suites divided by the concurrency.
//
// Usage: node run.js [--concurrency N] [--timeout MS] [file.test.js ...]
// The concurrency defaults to $GONGYU_E2E_CONCURRENCY, or 5.
// With no files it runs every `*.test.js` here. Exits non-zero when any test fails.

import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The suites by measured duration, longest first (seconds, from the test command on an
 * empty cache at `893c467`, three at a time). With five at a time the five longest start
 * together and the short ones follow whichever ends first. A suite not listed runs after
 * these, in name order.
 */
const LONGEST_FIRST = [
  'rewards.test.js', // 589 s
  'verifier.test.js', // 577 s
  'models.test.js', // 538 s
  'toolkit.test.js', // 503 s
  'network.test.js', // 326 s
  'contributions.test.js', // 229 s
  'consortium.test.js', // 92 s
  'foundation.test.js', // 92 s
  'five-minutes.test.js', // 74 s
];

/** Orders `files` (base names) by `LONGEST_FIRST`, unknown ones last by name. */
export function scheduleOrder(files) {
  const rank = (file) => {
    const index = LONGEST_FIRST.indexOf(file);
    return index === -1 ? LONGEST_FIRST.length : index;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      concurrency: { type: 'string', default: process.env.GONGYU_E2E_CONCURRENCY ?? '5' },
      timeout: { type: 'string', default: '900000' },
    },
  });
  const concurrency = Number(values.concurrency);
  const timeout = Number(values.timeout);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`--concurrency (or GONGYU_E2E_CONCURRENCY) must be a whole number of suites, at least 1 (got ${values.concurrency})`);
    process.exit(2);
  }
  if (!Number.isInteger(timeout) || timeout < 1) {
    console.error(`--timeout must be a whole number of milliseconds (got ${values.timeout})`);
    process.exit(2);
  }
  const names = positionals.length > 0
    ? positionals.map((file) => basename(file))
    : readdirSync(here).filter((name) => name.endsWith('.test.js'));
  const files = scheduleOrder(names).map((name) => join(here, name));
  console.error(`[e2e] ${files.length} suites, ${concurrency} at a time, longest first`);

  const stream = run({ files, concurrency, timeout });
  stream.on('test:fail', () => {
    process.exitCode = 1;
  });
  stream.compose(spec).pipe(process.stdout);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main();
}
