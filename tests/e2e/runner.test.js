// The suite runner's schedule: long suites first, suites it does not know last by name.

import assert from 'node:assert/strict';
import test from 'node:test';
import { scheduleOrder } from './run.js';

test('the runner starts the longest suites first and unknown suites last, by name', () => {
  assert.deepEqual(
    scheduleOrder(['a-new.test.js', 'five-minutes.test.js', 'verifier.test.js', 'models.test.js', '0-new.test.js']),
    ['verifier.test.js', 'models.test.js', 'five-minutes.test.js', '0-new.test.js', 'a-new.test.js'],
  );
});
