import { LmscopeError } from '../../core/errors.js';
import {
  GGML_TYPE,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  SCALAR_SIZE,
  VALUE_TYPE_NAMES,
  alignTo,
  type GgufScalar,
  type GgufScalarType,
  type GgufValueTypeName,
} from './ggufFormat.js';

/** A metadata value as read: 64-bit integers become numbers when they fit, bigint otherwise. */
export type GgufReadValue = GgufScalar | GgufScalar[];

export interface GgufTensorInfo {
  name: string;
  /** ggml order: innermost (contiguous) dimension first. */
  dims: number[];
  /** ggml type id (0 = f32, 1 = f16, others are quantized types). */
  type: number;
  /** Byte offset of the tensor's data from the start of the file. */
  dataOffset: number;
}

export interface GgufFile {
  version: number;
  metadata: Record<string, GgufReadValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Parses a GGUF file's header, metadata and tensor infos (pure; throws `gguf_invalid` on bad bytes).
 * @example const gguf = parseGguf(await fs.readFile('model.gguf')); gguf.metadata['general.architecture'];
 */
export function parseGguf(bytes: Uint8Array, source = 'GGUF data'): GgufFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const fail = (message: string): never => {
    throw new LmscopeError('gguf_invalid', `${source}: ${message} (at byte ${pos})`, { where: { file: source } });
  };
  const need = (n: number): void => {
    if (pos + n > bytes.length) fail(`truncated: needs ${n} more bytes`);
  };
  const u32 = (): number => { need(4); const v = view.getUint32(pos, true); pos += 4; return v; };
  const u64 = (): number => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`count ${v} is too large`);
    return Number(v);
  };
  const string = (): string => {
    const n = u64();
    need(n);
    const s = decoder.decode(bytes.subarray(pos, pos + n));
    pos += n;
    return s;
  };
  const scalar = (type: GgufScalarType): GgufScalar => {
    if (type === 'string') return string();
    need(SCALAR_SIZE[type]);
    const at = pos;
    pos += SCALAR_SIZE[type];
    switch (type) {
      case 'uint8': return view.getUint8(at);
      case 'int8': return view.getInt8(at);
      case 'bool': return view.getUint8(at) !== 0;
      case 'uint16': return view.getUint16(at, true);
      case 'int16': return view.getInt16(at, true);
      case 'uint32': return view.getUint32(at, true);
      case 'int32': return view.getInt32(at, true);
      case 'float32': return view.getFloat32(at, true);
      case 'float64': return view.getFloat64(at, true);
      case 'uint64': return narrow(view.getBigUint64(at, true));
      case 'int64': return narrow(view.getBigInt64(at, true));
    }
  };
  const typeName = (id: number): GgufValueTypeName => VALUE_TYPE_NAMES[id] ?? fail(`unknown value type ${id}`);

  if (u32() !== GGUF_MAGIC) fail('not a GGUF file (bad magic)');
  const version = u32();
  if (version < 2 || version > 3) fail(`unsupported GGUF version ${version}`);
  const tensorCount = u64();
  const metadataCount = u64();
  const metadata: Record<string, GgufReadValue> = {};
  for (let i = 0; i < metadataCount; i++) {
    const key = string();
    const type = typeName(u32());
    if (type === 'array') {
      const itemType = typeName(u32());
      if (itemType === 'array') return fail(`nested arrays are not supported (key ${key})`);
      const count = u64();
      const items: GgufScalar[] = [];
      for (let j = 0; j < count; j++) items.push(scalar(itemType));
      metadata[key] = items;
    } else {
      metadata[key] = scalar(type);
    }
  }
  const alignment = typeof metadata['general.alignment'] === 'number' ? metadata['general.alignment'] : GGUF_DEFAULT_ALIGNMENT;
  const infos: { name: string; dims: number[]; type: number; offset: number }[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = string();
    const nDims = u32();
    if (nDims > 4) fail(`tensor ${name} has ${nDims} dimensions (at most 4)`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(u64());
    const type = u32();
    const offset = u64();
    infos.push({ name, dims, type, offset });
  }
  const dataStart = alignTo(pos, alignment);
  const tensors = infos.map((t) => ({ name: t.name, dims: t.dims, type: t.type, dataOffset: dataStart + t.offset }));
  return { version, metadata, tensors, alignment };
}

/** Reads an f32 or f16 tensor's values as float32. */
export function readTensorValues(bytes: Uint8Array, tensor: GgufTensorInfo): Float32Array {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = tensor.type === GGML_TYPE.f32 ? 4 : tensor.type === GGML_TYPE.f16 ? 2 : 0;
  if (width === 0) throw new LmscopeError('gguf_unsupported', `tensor ${tensor.name} has ggml type ${tensor.type}; only f32 and f16 can be read`);
  if (tensor.dataOffset + count * width > bytes.length) throw new LmscopeError('gguf_invalid', `tensor ${tensor.name} runs past the end of the file`);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const at = tensor.dataOffset + i * width;
    out[i] = width === 4 ? view.getFloat32(at, true) : fromFloat16Bits(view.getUint16(at, true));
  }
  return out;
}

/** The number a half-precision bit pattern stands for. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

function narrow(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}
