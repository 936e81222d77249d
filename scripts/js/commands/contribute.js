// `gongyu contribute`: hash an artifact, submit it, wait for finality, print its id.

import { Option } from 'commander';
import { blake3 } from '@noble/hashes/blake3';
import { u8aToHex } from '@polkadot/util';
import fs from 'node:fs';
import nodePath from 'node:path';

import { sendAndWait } from '../lib/chain.js';
import { formatGyu } from '../lib/format.js';
import { CliError, parseCount, printJson, resolveSigner } from '../lib/cli.js';
import {
  CARD_FILE, cardJson, DATASET_FORMATS, DATASET_LANGUAGES, hashPath, MANIFEST_FILE,
} from '../lib/hashing.js';
import { nodeBinary, runNodeCommand } from '../lib/process.js';
import {
  acceptedLicenses, CONSENT_CATEGORIES, consentForChain, parseConsent,
} from '../lib/terms.js';
import { connection, signerOption, wsOptions } from './common.js';

/** Adds `contribute` to `program`. */
export function register(program) {
  const command = program.command('contribute')
    .summary('card, hash and submit a directory (or a file) as a contribution')
    .description('Write the contribution card (gongyu.json: owner, kind, license, consent; for a dataset its '
      + 'format, language and data files, whose records verifiers count) into a directory, '
      + 'hash it (BLAKE3 of its manifest, which is written to gongyu-manifest.txt for verifiers to '
      + 'fetch), submit it with contributions.submit, wait until it is finalized and print the '
      + 'contribution id. A single file is first wrapped in a directory <file>.gongyu/ with its card. '
      + 'Publish the directory at --uri. Hashing uses gongyu-node ($GONGYU_NODE or the release '
      + 'build) when it is there, else JavaScript.')
    .argument('[path]', 'the directory (or file) to contribute (omit when giving --root and --size)')
    .requiredOption('--uri <uri>', 'where verifiers fetch the published directory: https://… or http://… '
      + '(file://… on a development chain, for a verifier on this machine)')
    .requiredOption('--license <spdx>', 'SPDX license identifier of the artifact, one the chain accepts '
      + '(`gongyu licenses` lists them), e.g. CC-BY-4.0')
    .option('--consent <list>', 'what you allow the data to be used for, in the four CAWG categories '
      + `(${CONSENT_CATEGORIES.join(', ')}): one level for all (allowed, notAllowed, constrained) or `
      + 'category=level pairs, e.g. ai_generative_training=notAllowed; unnamed categories are allowed', 'allowed')
    .addOption(new Option('--kind <kind>', 'what it is').choices(['dataset', 'fine-tune']).default('dataset'))
    .option('--base <id>', 'for --kind fine-tune: the model version it was tuned from')
    .addOption(new Option('--weights <kind>', 'for --kind fine-tune: full weights of the base, changed, '
      + 'or a LoRA adapter of its modules').choices(['full', 'lora']))
    .option('--root <hex>', 'a root computed elsewhere (`gongyu-node hash --json`), instead of hashing <path>')
    .option('--size <bytes>', 'with --root: the size in bytes')
    .addOption(new Option('--format <format>', 'for a dataset: how its records are written (one text per '
      + 'line, tab-separated columns, or JSON objects per line)').choices(DATASET_FORMATS))
    .option('--fields <names>', 'for --format tsv or jsonl: the column or field names, comma-separated, e.g. ko,en')
    .addOption(new Option('--language <code>', 'for a dataset: the language of its records (ko-en: pairs, '
      + 'one field Korean and another English)').choices(DATASET_LANGUAGES))
    .option('--data-files <paths>', 'for a dataset: its data files, comma-separated paths inside the directory '
      + '(default: every file but the card and manifest)')
    .option('--description <file>', 'a description document; its BLAKE3 is stored with the contribution')
    .option('--dry-run', 'hash and check everything, print the deposit and fee, submit nothing');
  signerOption(command);
  wsOptions(command);
  command.action(async (path, options) => contribute(path, options));
}

/**
 * What to submit: `{ root, size, files, directory }`, from carding and hashing `path` or from
 * --root/--size (a directory carded and published elsewhere).
 */
async function content(path, options, card, say) {
  if (options.root !== undefined) {
    if (path !== undefined) throw new CliError('give either a <path> to hash or --root, not both');
    if (!/^0x[0-9a-fA-F]{64}$/.test(options.root)) throw new CliError('--root must be 0x followed by 64 hex digits (a BLAKE3 digest)');
    if (options.size === undefined) throw new CliError('--root needs --size <bytes>');
    say(`The directory at ${options.uri} must hold ${CARD_FILE} naming ${card.owner}, or verifiers attest CardMismatch.`);
    return { root: options.root.toLowerCase(), size: parseCount(options.size, '--size'), files: null, directory: null };
  }
  if (path === undefined) throw new CliError('nothing to submit: give a <path> to hash, or --root and --size');
  if (options.size !== undefined) throw new CliError('--size goes with --root; a hashed <path> has its own size');
  if (!fs.existsSync(path)) throw new CliError(`${path}: no such file or directory`);
  const directory = writeCard(path, { ...card, dataset: datasetOf(options) }, say);
  const result = fs.existsSync(nodeBinary()) ? await hashNatively(directory) : await hashInJs(directory);
  say(`Hashed ${directory} with ${result.hasher}: ${result.files} file(s), ${result.size} bytes, root ${result.root}`);
  return { root: result.root, size: BigInt(result.size), files: result.files, directory };
}

/**
 * Puts the card into the contribution directory and returns the directory: `path` itself,
 * or for a file a new `<file>.gongyu/` holding a copy of it.
 */
function writeCard(path, card, say) {
  let directory = path;
  if (fs.statSync(path).isFile()) {
    directory = `${path.replace(/\/+$/, '')}.gongyu`;
    fs.mkdirSync(directory, { recursive: true });
    const copy = nodePath.join(directory, nodePath.basename(path));
    fs.rmSync(copy, { force: true });
    try { fs.linkSync(path, copy); } catch { fs.copyFileSync(path, copy); }
    say(`Wrapped ${path} in ${directory}/ with its card: publish that directory at the --uri.`);
  }
  const cardPath = nodePath.join(directory, CARD_FILE);
  const dataset = card.dataset && { ...card.dataset, files: card.dataset.files ?? dataFilesIn(directory) };
  if (dataset?.files.length === 0) throw new CliError(`${directory} holds no data file`);
  for (const file of dataset?.files ?? []) {
    if (!fs.statSync(nodePath.join(directory, file), { throwIfNoEntry: false })?.isFile()) {
      throw new CliError(`--data-files: ${file} is not a file in ${directory}`);
    }
  }
  const text = cardJson({ ...card, dataset });
  if (fs.existsSync(cardPath) && fs.readFileSync(cardPath, 'utf8') !== text) {
    say(`Replacing ${cardPath}: it named another owner, kind, license or consent.`);
  }
  fs.writeFileSync(cardPath, text);
  return directory;
}

/** Every regular file below `directory` but the card and the manifest, as sorted relative paths. */
function dataFilesIn(directory) {
  return fs.readdirSync(directory, { recursive: true })
    .map((file) => file.split(nodePath.sep).join('/'))
    .filter((file) => file !== CARD_FILE && file !== MANIFEST_FILE)
    .filter((file) => fs.statSync(nodePath.join(directory, file)).isFile())
    .sort();
}

/**
 * A dataset's card section from the options (`files` null: every file of the directory), or
 * null for a fine-tune. Checks what verifiers would refuse as CardMismatch.
 */
function datasetOf(options) {
  if (options.kind !== 'dataset') {
    if (options.format || options.fields || options.language || options.dataFiles) {
      throw new CliError('--format, --fields, --language and --data-files describe datasets only');
    }
    return null;
  }
  if (!options.format || !options.language) {
    throw new CliError('a dataset card declares how its records are written and their language: '
      + 'give --format lines|tsv|jsonl and --language ko|en|ko-en');
  }
  const list = (text) => text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const fields = options.fields === undefined ? [] : list(options.fields);
  if (options.format === 'lines' && fields.length > 0) throw new CliError('--format lines has no --fields');
  if (options.format !== 'lines' && fields.length === 0) {
    throw new CliError(`--format ${options.format} needs --fields, e.g. --fields ko,en`);
  }
  if (options.language === 'ko-en' && fields.length < 2) {
    throw new CliError('--language ko-en needs records with at least two fields (--format tsv or jsonl)');
  }
  const files = options.dataFiles === undefined ? null : list(options.dataFiles);
  return { format: options.format, fields, language: options.language, files };
}

/** Hashes with `gongyu-node hash` (native BLAKE3, many times faster than JavaScript). */
async function hashNatively(path) {
  const manifest = nodePath.join(path, MANIFEST_FILE);
  const output = await runNodeCommand(['hash', '--json', '--quiet', '--manifest', manifest, path]).catch((error) => {
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
    fs.writeFileSync(nodePath.join(path, MANIFEST_FILE), result.manifest ?? '');
    return { ...result, hasher: 'JavaScript BLAKE3' };
  } finally {
    if (progress) { clearInterval(progress); process.stderr.write('\r\x1b[K'); }
  }
}

/** The scheme of `uri` (`https`, `http`, `file`, ...) and whether the chain's `schemes` enable it. */
function schemeAllowed(uri, schemes) {
  const scheme = /^([a-z]+):\/\//.exec(uri)?.[1];
  return { scheme, allowed: scheme !== undefined && schemes[scheme] === true };
}

/** The `kind` argument of `contributions.submit`. */
function kindOf(options) {
  if (options.kind === 'fine-tune') {
    if (options.base === undefined) throw new CliError('--kind fine-tune needs --base <model version id>');
    if (options.weights === undefined) {
      throw new CliError('a fine-tune\'s card declares its weights: give --weights full (every weight of '
        + 'the base, changed) or --weights lora (an adapter of its modules)');
    }
    return { FineTune: { base: Number(parseCount(options.base, '--base')) } };
  }
  if (options.base !== undefined) throw new CliError('--base only goes with --kind fine-tune');
  if (options.weights !== undefined) throw new CliError('--weights only goes with --kind fine-tune');
  return 'Dataset';
}

async function contribute(path, options) {
  const say = options.json ? () => {} : (line) => console.log(line);
  const kind = kindOf(options);
  const descriptionHash = options.description === undefined ? null
    : u8aToHex(blake3(fs.readFileSync(options.description)));
  const consent = parseConsent(options.consent);
  const pair = await resolveSigner(options.suri);
  const card = {
    owner: pair.address,
    kind: options.kind,
    base: kind.FineTune?.base,
    weights: options.weights,
    license: options.license,
    consent,
  };

  await connection(options, async (api) => {
    // The chain decides which URI schemes it takes (ContributionsApi::parameters).
    const parameters = await api.call.contributionsApi.parameters();
    const schemes = parameters.uriSchemes.toJSON();
    const { scheme, allowed } = schemeAllowed(options.uri, schemes);
    if (!allowed) {
      const enabled = Object.keys(schemes).filter((name) => schemes[name]).map((name) => `${name}://`);
      throw new CliError(`this chain does not accept ${scheme ? `${scheme}://` : 'this'} URIs `
        + `(it takes ${enabled.join(', ')}); publish the directory where verifiers can fetch it`);
    }
    // The chain takes only the licenses governance lists (ContributionsApi::licenses).
    const licenses = await acceptedLicenses(api);
    if (licenses[options.license] === undefined) {
      throw new CliError(`this chain does not accept the license ${options.license}; it accepts `
        + `${Object.keys(licenses).join(', ')} (the council lists licenses with contributions.setLicense)`);
    }
    if (kind.FineTune) {
      // Verifiers check a fine-tune against its base's registered architecture.
      const base = await api.call.modelsApi.modelVersion(kind.FineTune.base);
      if (base.isNone) throw new CliError(`model version ${kind.FineTune.base} is not registered`);
      if (base.unwrap().architecture.isNone) {
        throw new CliError(`model version ${kind.FineTune.base} registers no architecture, so verifiers `
          + 'cannot check a fine-tune of it: build on a version the council registered with one');
      }
    }
    const { root, size, files, directory } = await content(path, options, card, say);
    if (size === 0n) throw new CliError('the content is empty (0 bytes): there is nothing to verify');

    const claim = await api.call.contributionsApi.rootClaim(root);
    if (claim.isSome) {
      const held = claim.unwrap();
      if (held.isContribution) {
        throw new CliError(`this content (root ${root}) is already registered as contribution `
          + `#${held.asContribution}; a root can be registered once`);
      }
      if (held.isModelVersion) {
        throw new CliError(`this content (root ${root}) is the weights of model version #${held.asModelVersion}`);
      }
      const reserved = held.asReserved;
      const now = (await api.rpc.chain.getHeader()).number.toNumber();
      if (reserved.owner.toString() !== pair.address && now <= reserved.until.toNumber()) {
        throw new CliError(`this content (root ${root}) is reserved for ${reserved.owner} until block `
          + `#${reserved.until} (contribution #${reserved.id} was unavailable)`);
      }
    }
    const tx = api.tx.contributions.submit(kind, root, size, options.uri, options.license,
      consentForChain(consent), descriptionHash);
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
      if (options.json) printJson({ root, size, files, directory, deposit, fee, submitted: false });
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
      printJson({ id, root, size, files, directory, deposit, fee, blockHash: blockHash.toHex(), blockNumber: header.number.toNumber(), submitted: true });
    } else {
      say(`Finalized in block #${header.number} (${blockHash.toHex()})`);
      say(`Contribution #${id} submitted. Follow it with: scripts/gongyu status ${id} --wait rewarded`);
    }
  });
}
