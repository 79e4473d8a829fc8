import {
  GGML_TYPE,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VALUE_TYPE,
  GGUF_VERSION,
  alignTo,
  type GgufScalar,
  type GgufScalarType,
  type GgufTensor,
  type GgufValue,
} from './ggufFormat.js';

const encoder = new TextEncoder();

/** A growable little-endian byte buffer. */
class ByteSink {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
  u8(v: number): void { this.reserve(1); this.view.setUint8(this.length, v); this.length += 1; }
  i8(v: number): void { this.reserve(1); this.view.setInt8(this.length, v); this.length += 1; }
  u16(v: number): void { this.reserve(2); this.view.setUint16(this.length, v, true); this.length += 2; }
  i16(v: number): void { this.reserve(2); this.view.setInt16(this.length, v, true); this.length += 2; }
  u32(v: number): void { this.reserve(4); this.view.setUint32(this.length, v, true); this.length += 4; }
  i32(v: number): void { this.reserve(4); this.view.setInt32(this.length, v, true); this.length += 4; }
  f32(v: number): void { this.reserve(4); this.view.setFloat32(this.length, v, true); this.length += 4; }
  f64(v: number): void { this.reserve(8); this.view.setFloat64(this.length, v, true); this.length += 8; }
  u64(v: number | bigint): void { this.reserve(8); this.view.setBigUint64(this.length, BigInt(v), true); this.length += 8; }
  i64(v: number | bigint): void { this.reserve(8); this.view.setBigInt64(this.length, BigInt(v), true); this.length += 8; }
  raw(data: Uint8Array): void { this.reserve(data.length); this.bytes.set(data, this.length); this.length += data.length; }
  string(s: string): void { const b = encoder.encode(s); this.u64(b.length); this.raw(b); }
  padTo(alignment: number): void { const n = alignTo(this.length, alignment) - this.length; this.reserve(n); this.length += n; }
  result(): Uint8Array { return this.bytes.slice(0, this.length); }
}

function writeScalar(sink: ByteSink, type: GgufScalarType, value: GgufScalar): void {
  switch (type) {
    case 'uint8': return sink.u8(Number(value));
    case 'int8': return sink.i8(Number(value));
    case 'uint16': return sink.u16(Number(value));
    case 'int16': return sink.i16(Number(value));
    case 'uint32': return sink.u32(Number(value));
    case 'int32': return sink.i32(Number(value));
    case 'float32': return sink.f32(Number(value));
    case 'float64': return sink.f64(Number(value));
    case 'uint64': return sink.u64(value as number | bigint);
    case 'int64': return sink.i64(value as number | bigint);
    case 'bool': return sink.u8(value ? 1 : 0);
    case 'string': return sink.string(String(value));
  }
}

/** Bytes of one tensor's data in its ggml type. */
function tensorBytes(tensor: GgufTensor): Uint8Array {
  if (tensor.type === 'f32') return new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).slice();
  const out = new Uint8Array(tensor.data.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < tensor.data.length; i++) view.setUint16(i * 2, toFloat16Bits(tensor.data[i]!), true);
  return out;
}

/** IEEE 754 half precision bits of `value`, rounded to nearest even. */
export function toFloat16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  let e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1))) half += 1;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half += 1;
  return sign | half;
}

/**
 * Encodes a GGUF v3 file from typed metadata and tensors (pure: returns the bytes).
 * @example encodeGguf({ metadata: { 'general.architecture': { type: 'string', value: 'llama' } }, tensors: [] })
 */
export function encodeGguf(input: { metadata: Record<string, GgufValue>; tensors: GgufTensor[] }): Uint8Array {
  const alignmentEntry = input.metadata['general.alignment'];
  const alignment = alignmentEntry && typeof alignmentEntry.value === 'number' ? alignmentEntry.value : GGUF_DEFAULT_ALIGNMENT;
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(input.tensors.length);
  sink.u64(Object.keys(input.metadata).length);
  for (const [key, entry] of Object.entries(input.metadata)) {
    sink.string(key);
    sink.u32(GGUF_VALUE_TYPE[entry.type]);
    if (entry.type === 'array') {
      sink.u32(GGUF_VALUE_TYPE[entry.itemType]);
      sink.u64(entry.value.length);
      for (const item of entry.value) writeScalar(sink, entry.itemType, item);
    } else {
      writeScalar(sink, entry.type, entry.value);
    }
  }
  const datas = input.tensors.map(tensorBytes);
  let offset = 0;
  input.tensors.forEach((tensor, i) => {
    const elements = tensor.dims.reduce((a, b) => a * b, 1);
    if (elements !== tensor.data.length) throw new Error(`tensor ${tensor.name}: dims give ${elements} elements, data has ${tensor.data.length}`);
    sink.string(tensor.name);
    sink.u32(tensor.dims.length);
    for (const d of tensor.dims) sink.u64(d);
    sink.u32(GGML_TYPE[tensor.type]);
    sink.u64(offset);
    offset = alignTo(offset + datas[i]!.length, alignment);
  });
  sink.padTo(alignment);
  datas.forEach((data) => {
    sink.raw(data);
    sink.padTo(alignment);
  });
  return sink.result();
}
