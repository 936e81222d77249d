// Writes small safetensors files (zero-filled) for the fine-tune tests: an 8-byte
// little-endian header length, the JSON header, then the tensors' bytes.

const WIDTH = { F64: 8, F32: 4, I32: 4, F16: 2, BF16: 2 };

/** The bytes of a safetensors file holding `tensors`: `[[name, dtype, shape], ...]`. */
export function safetensorsFile(tensors) {
  const header = {};
  let offset = 0;
  for (const [name, dtype, shape] of tensors) {
    const size = shape.reduce((product, dim) => product * dim, 1) * (WIDTH[dtype] ?? 1);
    header[name] = { dtype, shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, Buffer.alloc(offset)]);
}
