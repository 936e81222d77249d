// `gongyu contribute`: hash an artifact, submit it, wait for finality, print its id.

import { Option } from 'commander';
import { blake3 } from '@noble/hashes/blake3';
import { u8aToHex } from '@polkadot/util';
import fs from 'node:fs';

import { sendAndWait } from '../lib/chain.js';
import { formatGyu } from '../lib/format.js';
import { CliError, parseCount, printJson, resolveSigner } from '../lib/cli.js';
import { hashPath } from '../lib/hashing.js';
import { nodeBinary, runNodeCommand } from '../lib/process.js';
import { connection, signerOption, wsOptions } from './common.js';

/** Adds `contribute` to `program`. */
export function register(program) {
  const command = program.command('contribute')
    .summary('hash a file or directory and submit it as a contribution')
    .description('Hash a file or directory (BLAKE3; a directory as its manifest), submit it with '
      + 'contributions.submit, wait until it is finalized and print the contribution id. Hashing uses '
      + 'gongyu-node ($GONGYU_NODE or the release build) when it is there, else JavaScript.')
    .argument('[path]', 'the file or directory to hash (omit when giving --root and --size)')
    .requiredOption('--uri <uri>', 'where verifiers download the bytes: https://…, http://…, or file://… for a verifier on this machine')
    .requiredOption('--license <spdx>', 'SPDX license identifier of the artifact, e.g. CC-BY-4.0')
    .addOption(new Option('--kind <kind>', 'what it is').choices(['dataset', 'fine-tune']).default('dataset'))
    .option('--base <id>', 'for --kind fine-tune: the model version it was tuned from (gongyu-ko-base-v1 is 0)')
    .option('--root <hex>', 'a root computed elsewhere (`gongyu-node hash --json`), instead of hashing <path>')
    .option('--size <bytes>', 'with --root: the size in bytes')
    .option('--description <file>', 'a description document; its BLAKE3 is stored with the contribution')
    .option('--dry-run', 'hash and check everything, print the deposit and fee, submit nothing');
  signerOption(command);
  wsOptions(command);
  command.action(async (path, options) => contribute(path, options));
}

/** What to submit: `{ root, size, files }`, from hashing `path` or from --root/--size. */
async function content(path, options, say) {
  if (options.root !== undefined) {
    if (path !== undefined) throw new CliError('give either a <path> to hash or --root, not both');
    if (!/^0x[0-9a-fA-F]{64}$/.test(options.root)) throw new CliError('--root must be 0x followed by 64 hex digits (a BLAKE3 digest)');
    if (options.size === undefined) throw new CliError('--root needs --size <bytes>');
    return { root: options.root.toLowerCase(), size: parseCount(options.size, '--size'), files: null };
  }
  if (path === undefined) throw new CliError('nothing to submit: give a <path> to hash, or --root and --size');
  if (options.size !== undefined) throw new CliError('--size goes with --root; a hashed <path> has its own size');
  if (!fs.existsSync(path)) throw new CliError(`${path}: no such file or directory`);
  const result = fs.existsSync(nodeBinary()) ? await hashNatively(path) : await hashInJs(path);
  say(`Hashed ${path} with ${result.hasher}: ${result.files} file(s), ${result.size} bytes, root ${result.root}`);
  return { root: result.root, size: BigInt(result.size), files: result.files };
}

/** Hashes with `gongyu-node hash` (native BLAKE3, many times faster than JavaScript). */
async function hashNatively(path) {
  const output = await runNodeCommand(['hash', '--json', path]).catch((error) => {
    const message = error.message.replace(/^gongyu-node [^:]*: /, '');
    throw new CliError(/Input\("(.*)"\)/.exec(message)?.[1] ?? message);
  });
  const { root, size, files } = JSON.parse(output);
  return { root, size, files, hasher: 'gongyu-node' };
}

/** Hashes in JavaScript, when no gongyu-node binary is at hand. */
async function hashInJs(path) {
  let hashed = 0;
  const progress = process.stderr.isTTY
    ? setInterval(() => process.stderr.write(`\rhashing ${path}: ${(hashed / 2 ** 20).toFixed(1)} MiB`), 250)
    : null;
  try {
    const result = await hashPath(path, (n) => { hashed += n; });
    return { ...result, hasher: 'JavaScript BLAKE3' };
  } finally {
    if (progress) { clearInterval(progress); process.stderr.write('\r\x1b[K'); }
  }
}

/** The `kind` argument of `contributions.submit`. */
function kindOf(options) {
  if (options.kind === 'fine-tune') {
    if (options.base === undefined) throw new CliError('--kind fine-tune needs --base <model version id>');
    return { FineTune: { base: Number(parseCount(options.base, '--base')) } };
  }
  if (options.base !== undefined) throw new CliError('--base only goes with --kind fine-tune');
  return 'Dataset';
}

async function contribute(path, options) {
  const say = options.json ? () => {} : (line) => console.log(line);
  const kind = kindOf(options);
  const descriptionHash = options.description === undefined ? null
    : u8aToHex(blake3(fs.readFileSync(options.description)));
  const pair = await resolveSigner(options.suri);
  const { root, size, files } = await content(path, options, say);
  if (size === 0n) throw new CliError('the content is empty (0 bytes): there is nothing to verify');

  await connection(options, async (api) => {
    const existing = await api.call.contributionsApi.byHash(root);
    if (existing.isSome) {
      throw new CliError(`this content (root ${root}) is already registered as contribution `
        + `#${existing.unwrap()}; a root can be registered once`);
    }
    const tx = api.tx.contributions.submit(kind, root, size, options.uri, options.license, descriptionHash);
    // The runtime says what the deposit is (ContributionsApi::submission_deposit).
    const deposit = (await api.call.contributionsApi.submissionDeposit(
      Buffer.byteLength(options.uri), Buffer.byteLength(options.license), descriptionHash !== null,
    )).toBigInt();
    const fee = (await tx.paymentInfo(pair)).partialFee.toBigInt();
    const { data } = await api.query.system.account(pair.address);
    const existential = api.consts.balances.existentialDeposit.toBigInt();
    const needed = deposit + fee + existential;
    if (data.free.toBigInt() < needed) {
      throw new CliError(`insufficient funds: ${pair.address} has ${formatGyu(api, data.free)} free; `
        + `submitting needs ${formatGyu(api, needed)} (deposit ${formatGyu(api, deposit)}, held until `
        + `verification, fee ${formatGyu(api, fee)}, and ${formatGyu(api, existential)} to keep the account)`);
    }
    say(`Submitting as ${pair.address}: deposit ${formatGyu(api, deposit)}, fee ${formatGyu(api, fee)}`);
    if (options.dryRun) {
      if (options.json) printJson({ root, size, files, deposit, fee, submitted: false });
      else say('Dry run: nothing submitted.');
      return;
    }

    const { blockHash, events } = await sendAndWait(api, tx, pair, {
      timeoutMs: 180_000,
      onStatus: (status) => {
        if (status.isInBlock) say(`In block ${status.asInBlock.toHex()}`);
      },
    });
    const submitted = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event));
    const id = submitted.event.data.id.toNumber();
    const header = await api.rpc.chain.getHeader(blockHash);
    if (options.json) {
      printJson({ id, root, size, files, deposit, fee, blockHash: blockHash.toHex(), blockNumber: header.number.toNumber(), submitted: true });
    } else {
      say(`Finalized in block #${header.number} (${blockHash.toHex()})`);
      say(`Contribution #${id} submitted. Follow it with: scripts/gongyu status ${id} --wait rewarded`);
    }
  });
}
