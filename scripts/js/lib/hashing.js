// BLAKE3 content roots, computed the way Gongyu defines them (see DESIGN: Hashing):
// a file's root is the BLAKE3 of its bytes.

import fs from 'node:fs';
import { blake3 } from '@noble/hashes/blake3';
import { u8aToHex } from '@polkadot/util';

/** `{ root: '0x…', size }` of the file at `path` (streamed, any size). */
export async function hashFile(path) {
  const hasher = blake3.create({});
  let size = 0;
  for await (const chunk of fs.createReadStream(path)) {
    hasher.update(chunk);
    size += chunk.length;
  }
  return { root: u8aToHex(hasher.digest()), size };
}
