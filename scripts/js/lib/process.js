// Running `gongyu-node` subcommands (such as `hash`) from the toolkit.

import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The node binary: $GONGYU_NODE, else the release build in the shared target directory. */
export function nodeBinary() {
  if (process.env.GONGYU_NODE) return process.env.GONGYU_NODE;
  const target = process.env.CARGO_TARGET_DIR
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gongyu', 'target');
  return path.join(target, 'release', 'gongyu-node');
}

/**
 * Runs `command args` to completion and resolves with `{ code, stdout, stderr }` (it never
 * rejects for a non-zero exit). `timeoutMs` kills it; `cwd` and `env` as for `spawn`.
 */
export function runProcess(command, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/**
 * Runs `gongyu-node <args>` to completion (for subcommands such as `key insert` or `hash`)
 * and resolves with its stdout; rejects with its stderr when it fails.
 */
export async function runNodeCommand(args) {
  const { code, stdout, stderr } = await runProcess(nodeBinary(), args);
  if (code !== 0) throw new Error(`gongyu-node ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
  return stdout;
}
