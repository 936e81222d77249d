// The explorer's file list: every module the page loads can load what it imports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { siteFiles } from '../commands/explorer.js';

/** Relative module paths a script imports (`import … from './x.js'`, `import './x.js'`). */
function relativeImports(source) {
  const found = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(match[1] ?? match[2]);
  }
  return found;
}

test('every relative import of a served script is served too', () => {
  const files = siteFiles();
  const missing = [];
  for (const [url, file] of files) {
    if (!url.endsWith('.js') || url.startsWith('/vendor/')) continue;
    for (const specifier of relativeImports(fs.readFileSync(file, 'utf8'))) {
      const target = path.posix.join(path.posix.dirname(url), specifier);
      if (!files.has(target)) missing.push(`${url} imports ${specifier} (${target}), which the explorer does not serve`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the import scanner finds both import forms and ignores packages', () => {
  const source = "import { a } from './a.js';\nimport '../b.js';\nexport { c } from './c.js';\nimport { d } from '@polkadot/util';";
  assert.deepEqual(relativeImports(source), ['./a.js', '../b.js', './c.js']);
});
