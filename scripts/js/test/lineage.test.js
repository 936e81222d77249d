// The explorer's lineage layout: generations as columns, edges from parents to children.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BOX, lineageLayout } from '../explorer/lineage.js';

const release = (id, parents, ingredients = 1) => ({ id, name: `r${id}`, parents, ingredients, deprecated: false });

test('a release sits one column right of its furthest parent, with an edge from each parent', () => {
  // 0 <- 1 <- 3, 0 <- 2, and 3 also built on 2: 3 is in generation 2.
  const { nodes, edges, width, height } = lineageLayout([release(3, [1, 2]), release(0, []), release(1, [0]), release(2, [0])]);
  assert.deepEqual(nodes.map((n) => [n.id, n.generation]), [[0, 0], [1, 1], [2, 1], [3, 2]]);
  assert.deepEqual(edges, [{ from: 0, to: 1 }, { from: 0, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 3 }]);
  const [, one, two] = nodes;
  assert.equal(one.x, two.x);
  assert.equal(two.y - one.y, BOX.height + BOX.rowGap);
  assert.equal(width, 2 * BOX.margin + 3 * BOX.width + 2 * BOX.columnGap);
  assert.equal(height, 2 * BOX.margin + 2 * BOX.height + BOX.rowGap);
});

test('no releases, no graph', () => {
  assert.deepEqual(lineageLayout([]), { nodes: [], edges: [], width: 0, height: 0 });
});
