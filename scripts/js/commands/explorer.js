// `gongyu explorer`: serve the explorer page (or export it for any static web server).
//
// The page is static: HTML, CSS, a script, the polkadot.js browser bundles from
// node_modules, and the toolkit's own reading helpers (lib/contributions.js, lib/rewards.js,
// lib/models.js and the modules they import) that the command-line tools use too. It connects
// to the node itself.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { CliError, defaultWs, parseCount } from '../lib/cli.js';

const jsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** `file` of the installed npm package `pkg` (its browser bundles are not in its exports map). */
function bundle(pkg, file) {
  for (const modules of require.resolve.paths(pkg) ?? []) {
    const candidate = path.join(modules, pkg, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new CliError(`${pkg} is not installed (no ${file}): run \`bash scripts/setup.sh\``);
}

/** URL path → file, for everything the page loads. */
export function siteFiles() {
  return new Map([
    ['/index.html', path.join(jsRoot, 'explorer', 'index.html')],
    ['/explorer.css', path.join(jsRoot, 'explorer', 'explorer.css')],
    ['/explorer.js', path.join(jsRoot, 'explorer', 'explorer.js')],
    ['/lineage.js', path.join(jsRoot, 'explorer', 'lineage.js')],
    ['/polkadot-bundle-globals.js', path.join(jsRoot, 'explorer', 'polkadot-bundle-globals.js')],
    ['/polkadot-util-shim.js', path.join(jsRoot, 'explorer', 'polkadot-util-shim.js')],
    ['/lib/contributions.js', path.join(jsRoot, 'lib', 'contributions.js')],
    ['/lib/errors.js', path.join(jsRoot, 'lib', 'errors.js')],
    ['/lib/format.js', path.join(jsRoot, 'lib', 'format.js')],
    ['/lib/models.js', path.join(jsRoot, 'lib', 'models.js')],
    ['/lib/rewards.js', path.join(jsRoot, 'lib', 'rewards.js')],
    ['/lib/terms.js', path.join(jsRoot, 'lib', 'terms.js')],
    ['/lib/dispute-view.js', path.join(jsRoot, 'lib', 'dispute-view.js')],
    ['/vendor/polkadot-util.js', bundle('@polkadot/util', 'bundle-polkadot-util.js')],
    ['/vendor/polkadot-util-crypto.js', bundle('@polkadot/util-crypto', 'bundle-polkadot-util-crypto.js')],
    ['/vendor/polkadot-keyring.js', bundle('@polkadot/keyring', 'bundle-polkadot-keyring.js')],
    ['/vendor/polkadot-types.js', bundle('@polkadot/types', 'bundle-polkadot-types.js')],
    ['/vendor/polkadot-api.js', bundle('@polkadot/api', 'bundle-polkadot-api.js')],
  ]);
}

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };

/** Adds `explorer` to `program`. */
export function register(program) {
  program.command('explorer')
    .summary('serve the explorer page (latest blocks, contributions, epoch, account rewards, release lineage)')
    .description('Serve the explorer page over HTTP. The page connects to the node from the browser; '
      + 'open it with ?ws=ws://host:port to look at another node.')
    .option('--ws <url>', 'the node the page connects to by default ($GONGYU_WS overrides)', defaultWs())
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--export <dir>', 'write the page into <dir> for any static web server, instead of serving it')
    .action(async (options) => (options.export ? exportSite(options) : serve(options)));
}

function config(options) {
  return `${JSON.stringify({ ws: options.ws })}\n`;
}

function exportSite(options) {
  for (const [urlPath, file] of siteFiles()) {
    const target = path.join(options.export, urlPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(path.join(options.export, 'config.json'), config(options));
  console.log(`Explorer written to ${options.export}; serve that directory with any static web server.`);
}

function serve(options) {
  const port = Number(parseCount(options.port, '--port'));
  const files = siteFiles();
  const server = http.createServer((request, response) => {
    const urlPath = new URL(request.url, 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (urlPath === '/config.json') {
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.json'], 'cache-control': 'no-store' }).end(config(options));
      return;
    }
    const file = files.get(urlPath === '/' ? '/index.html' : urlPath);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    fs.createReadStream(file)
      .once('open', () => response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }))
      .once('error', () => response.writeHead(500, { 'content-type': 'text/plain' }).end('cannot read the file\n'))
      .pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new CliError(error.code === 'EADDRINUSE'
      ? `port ${port} on ${options.host} is in use: pick another with --port`
      : `cannot listen on ${options.host}:${port}: ${error.message}`)));
    server.listen(port, options.host, () => {
      console.log(`Explorer on http://${options.host}:${server.address().port}/ (node ${options.ws}); Ctrl-C stops it`);
      const stop = () => {
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
