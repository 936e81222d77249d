// Options and the connection life cycle that every `gongyu` command shares.

import { connectToNode, defaultWs, SURI_ENV } from '../lib/cli.js';

/** Adds `--ws` and `--json` to `command`. */
export function wsOptions(command) {
  return command
    .option('--ws <url>', 'WebSocket RPC endpoint of a Gongyu node ($GONGYU_WS overrides the default)', defaultWs())
    .option('--json', 'print the result as JSON');
}

/** Adds `--suri` to `command`, explaining where secrets go instead. */
export function signerOption(command) {
  return command.option('--suri <//Dev>', `sign as a dev account (//Alice ... //Ferdie); other secrets go in $${SURI_ENV}`);
}

/** Connects to `options.ws`, runs `fn(api)`, and always disconnects. */
export async function connection(options, fn) {
  const api = await connectToNode(options.ws);
  try {
    return await fn(api);
  } finally {
    await api.disconnect().catch(() => {});
  }
}
