/**
 * The GGUF container (version 3), as llama.cpp reads it: "GGUF" magic, version, tensor count,
 * metadata count, metadata key/values, tensor infos, then tensor data aligned to `general.alignment`.
 */

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** Metadata value type ids. */
export const GGUF_VALUE_TYPE = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

export type GgufValueTypeName = keyof typeof GGUF_VALUE_TYPE;
export type GgufScalarType = Exclude<GgufValueTypeName, 'array'>;
export type GgufScalar = number | bigint | boolean | string;

/** A typed metadata value: GGUF stores the exact numeric width, so the writer needs it. */
export type GgufValue =
  | { type: Exclude<GgufScalarType, 'bool' | 'string'>; value: number | bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufScalarType; value: GgufScalar[] };

/** ggml tensor element types this project writes (f32 and f16 only). */
export const GGML_TYPE = { f32: 0, f16: 1 } as const;
export type GgmlTypeName = keyof typeof GGML_TYPE;

/** One tensor to write: `dims` in ggml order (innermost, contiguous dimension first). */
export interface GgufTensor {
  name: string;
  dims: number[];
  type: GgmlTypeName;
  data: Float32Array;
}

export const VALUE_TYPE_NAMES: Record<number, GgufValueTypeName | undefined> = Object.fromEntries(
  Object.entries(GGUF_VALUE_TYPE).map(([name, id]) => [id, name as GgufValueTypeName]),
);

/** Bytes per element of a scalar type (strings vary). */
export const SCALAR_SIZE: Record<Exclude<GgufScalarType, 'string'>, number> = {
  uint8: 1,
  int8: 1,
  bool: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  uint64: 8,
  int64: 8,
  float64: 8,
};

/** Rounds `offset` up to a multiple of `alignment`. */
export function alignTo(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}
