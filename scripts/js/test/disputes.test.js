// The toolkit's dispute helpers: reasons and outcomes as the runtime takes them, evidence
// hashes, and where a dispute stands in words.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import { openDispute } from '../lib/dispute-view.js';
import { describeStage, evidenceHash, parseOutcome, parseReason } from '../lib/disputes.js';
import { CliError } from '../lib/errors.js';

describe('disputes', () => {
  test('reasons and outcomes map to what the runtime takes, and others are refused by name', () => {
    assert.equal(parseReason('plagiarism'), 'Plagiarism');
    assert.equal(parseReason('takedown'), 'Takedown');
    assert.throws(() => parseReason('boring'), (error) => error instanceof CliError && /use one of plagiarism/.test(error.message));
    assert.equal(parseOutcome('upheld'), true);
    assert.equal(parseOutcome('dismissed'), false);
    assert.throws(() => parseOutcome('maybe'), CliError);
  });

  test('evidence is a 0x hash as given or the BLAKE3 of a file', async () => {
    const hash = `0x${'Ab'.repeat(32)}`;
    assert.equal(await evidenceHash(hash), hash.toLowerCase());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-')), 'e.txt');
    fs.writeFileSync(file, 'abc');
    // BLAKE3("abc")
    assert.equal(await evidenceHash(file), '0x6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
    await assert.rejects(evidenceHash('0x12'), /neither a 0x-prefixed 32-byte hash nor a file/);
  });

  test('each stage says what comes next', () => {
    const base = { answer: null };
    assert.match(describeStage({ ...base, stage: { name: 'Open', deadline: 50 } }), /decides by block #50, or it is dismissed; the owner may answer/);
    assert.match(describeStage({ ...base, stage: { name: 'Decided', upheld: true, appealUntil: 60 } }), /upheld; final at block #60 unless the owner appeals/);
    assert.match(describeStage({ ...base, stage: { name: 'Appealed', by: 'Challenger', firstUpheld: false, deadline: 90 } }),
      /appealed by the challenger; two thirds .* #90, or the first decision \(dismissed\) stands/);
    assert.equal(describeStage({ ...base, stage: { name: 'Closed', upheld: false, at: 70 } }), 'closed dismissed at block #70');
  });

  test('the undecided dispute is any stage but Closed, so a frozen reward is never shown as paid', () => {
    const closed = { id: 1, stage: { name: 'Closed', upheld: false, at: 70 } };
    assert.equal(openDispute(), undefined);
    assert.equal(openDispute([]), undefined);
    assert.equal(openDispute([closed]), undefined);
    for (const stage of [{ name: 'Open', deadline: 50 }, { name: 'Decided', upheld: true, appealUntil: 60 }, { name: 'Appealed', by: 'Owner', firstUpheld: true, deadline: 90 }]) {
      const undecided = { id: 2, stage };
      assert.equal(openDispute([closed, undecided]), undecided, stage.name);
      assert.equal(openDispute([undecided, closed]), undecided, stage.name);
    }
  });
});
