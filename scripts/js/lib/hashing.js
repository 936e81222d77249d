// BLAKE3 content roots, computed the way Gongyu defines them (DESIGN: Hashing) and the way
// `gongyu-node hash` and the verifier service compute them (node/src/content.rs; both check
// tests/vectors/content-roots.json):
// - a file's root is the BLAKE3 of its bytes;
// - a directory's root is the BLAKE3 of its manifest: one line per regular file,
//   `<blake3 hex> <size> <relative path>\n`, `/` separators, sorted bytewise by path. Empty
//   directories add nothing; symbolic links are followed (a loop is an error). A top-level
//   `gongyu-manifest.txt` is the published copy of the manifest and is left out of it.
// Every contribution directory carries a card, `gongyu.json`, naming owner, kind, license and
// consent.

import fs from 'node:fs';
import path from 'node:path';
import { blake3 } from '@noble/hashes/blake3';
import { bytesToHex } from '@noble/hashes/utils';
import { u8aToHex } from '@polkadot/util';

/** The published manifest at the top of a contribution directory (not part of its root). */
export const MANIFEST_FILE = 'gongyu-manifest.txt';
/** The contribution card at the top of a contribution directory. */
export const CARD_FILE = 'gongyu.json';

/** Formats of dataset records a card may declare. */
export const DATASET_FORMATS = ['lines', 'tsv', 'jsonl'];
/** Languages a card may declare (judged by script: Hangul, Latin). */
export const DATASET_LANGUAGES = ['ko', 'en', 'ko-en'];

/**
 * The card of a contribution: `owner` (SS58), `kind` ('dataset' or 'fine-tune'), `base`
 * and `weights` ('full' or 'lora') of a fine-tune, `license`, `consent` (the four CAWG
 * categories, lib/terms.js) and, for a dataset, `dataset`:
 * `{ format, fields, language, files }` (fields only for tsv and jsonl). Verifiers attest
 * CardMismatch when it disagrees with the on-chain record and count the records of the files
 * it names (node/src/dataset.rs).
 */
export function cardJson({ owner, kind, base, weights, license, consent, dataset }) {
  const card = { owner, kind, license };
  if (consent) card.consent = consent;
  if (kind === 'fine-tune') {
    card.base_model = base;
    card.weights = weights;
  }
  if (dataset) {
    card.dataset = { format: dataset.format };
    if (dataset.format !== 'lines') card.dataset.fields = dataset.fields;
    card.dataset.language = dataset.language;
    card.dataset.files = dataset.files;
  }
  return `${JSON.stringify(card)}\n`;
}

/** Why a path could not be hashed; the message names the path and the problem. */
export class HashError extends Error {}

/** `{ root: '0x…', size }` of the file at `file` (streamed, any size). */
export async function hashFile(file, onBytes = () => {}) {
  const hasher = blake3.create({});
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hasher.update(chunk);
    size += chunk.length;
    onBytes(chunk.length);
  }
  return { root: u8aToHex(hasher.digest()), size };
}

/**
 * `{ root, size, files, manifest }` of a file or directory; `manifest` is null for a file.
 * `onBytes(n)` is called as bytes are hashed (for progress).
 */
export async function hashPath(target, onBytes = () => {}) {
  const stat = await fs.promises.stat(target).catch((error) => {
    throw new HashError(error.code === 'ENOENT' ? `${target}: no such file or directory` : `${target}: ${error.message}`);
  });
  if (stat.isFile()) {
    const { root, size } = await hashFile(target, onBytes);
    return { root, size, files: 1, manifest: null };
  }
  if (!stat.isDirectory()) throw new HashError(`${target}: neither a regular file nor a directory`);

  const files = [];
  await collectFiles(target, [], new Set([await fs.promises.realpath(target)]), files);
  const listed = files.filter((file) => file.relative !== MANIFEST_FILE);
  listed.sort((a, b) => Buffer.compare(Buffer.from(a.relative), Buffer.from(b.relative)));
  let manifest = '';
  let size = 0;
  for (const file of listed) {
    const hashed = await hashFile(file.absolute, onBytes);
    manifest += `${hashed.root.slice(2)} ${hashed.size} ${file.relative}\n`;
    size += hashed.size;
  }
  return { root: `0x${bytesToHex(blake3(Buffer.from(manifest)))}`, size, files: listed.length, manifest };
}

/** Adds every regular file below `dir` to `out`; `ancestors` are real paths, to spot loops. */
async function collectFiles(dir, parts, ancestors, out) {
  for (const name of await fs.promises.readdir(dir)) {
    const absolute = path.join(dir, name);
    const stat = await fs.promises.stat(absolute).catch((error) => {
      throw new HashError(`${absolute}: ${error.code === 'ENOENT' ? 'dangling symbolic link' : error.message}`);
    });
    if (stat.isDirectory()) {
      const real = await fs.promises.realpath(absolute);
      if (ancestors.has(real)) throw new HashError(`${absolute}: symbolic links form a loop`);
      await collectFiles(absolute, [...parts, name], new Set([...ancestors, real]), out);
    } else if (stat.isFile()) {
      out.push({ relative: [...parts, name].join('/'), absolute });
    } else {
      throw new HashError(`${absolute}: neither a regular file nor a directory`);
    }
  }
}
