// Starts and stops real `gongyu-node` processes on loopback for the end-to-end tests.
//
// Each node gets free ports, its own base path under the OS temp directory and a log file;
// every node started here is killed when the process exits, even after a failed test.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { nodeBinary, runNodeCommand, runProcess } from '../../../scripts/js/lib/process.js';

export { nodeBinary, runNodeCommand, runProcess };

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository's root directory. */
export const repoRoot = path.resolve(here, '..', '..', '..');

const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { killAll(); process.exit(130); });
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Directory where tests leave node logs and screenshots. */
export function artifactsDir() {
  const dir = process.env.GONGYU_ARTIFACTS ?? path.join(repoRoot, 'tests', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts a node.
 * @param {object} options
 * @param {string} options.name      label for logs and the base path
 * @param {string[]} options.args    arguments besides ports and base path (e.g. ['--dev'])
 * @param {string} [options.basePath] reuse a base path (restart); a fresh one otherwise
 * @returns {Promise<{name, rpcPort, p2pPort, prometheusPort, wsUrl, basePath, logFile, child, stop, kill}>}
 */
export async function startNode({ name, args, basePath, p2pPort, rpcPort, prometheusPort }) {
  const binary = nodeBinary();
  if (!fs.existsSync(binary)) {
    throw new Error(`gongyu-node not found at ${binary}: build it with scripts/build.sh (or set GONGYU_NODE)`);
  }
  rpcPort ??= await freePort();
  p2pPort ??= await freePort();
  prometheusPort ??= await freePort();
  basePath ??= fs.mkdtempSync(path.join(os.tmpdir(), `gongyu-${name}-`));
  const logFile = path.join(artifactsDir(), `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const fullArgs = [
    ...args,
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--prometheus-port', String(prometheusPort),
    '--no-telemetry',
    '--no-mdns',
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
  ];
  const child = spawn(binary, fullArgs, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(child);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    running.delete(child);
    resolve({ code, signal });
  }));

  const node = {
    name, rpcPort, p2pPort, prometheusPort, basePath, logFile, child, exited,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    /** Stops the node gracefully (SIGTERM, then SIGKILL after 10 s). */
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (!keepData) fs.rmSync(basePath, { recursive: true, force: true });
    },
    /** Kills the node at once (SIGKILL), keeping its database. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  try {
    await waitForPort(rpcPort, exited, logFile);
  } catch (error) {
    // A node left running would keep this test file's process alive until its timeout.
    await node.kill();
    throw error;
  }
  return node;
}

/**
 * How long a node may take to open its RPC port. Before it does, it compiles the wasm
 * runtime to build its genesis state: about 5 s on an idle machine, but at the start of
 * the end-to-end step five suites start nodes at once on two cores, beside a build.
 */
const RPC_PORT_TIMEOUT_MS = 180_000;

async function waitForPort(port, exited, logFile, timeoutMs = RPC_PORT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  exited.then(() => { done = true; });
  while (Date.now() < deadline) {
    if (done) throw new Error(`gongyu-node exited before its RPC port opened; see ${logFile}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gongyu-node RPC port ${port} did not open within ${timeoutMs} ms; see ${logFile}`);
}
