import type { Random } from '../shared/random.js';
import type { GgmlTypeName, GgufTensor } from './ggufFormat.js';
import type { TinyVocabulary } from './tinyVocabulary.js';

// Reserved residual dimensions: a constant 1 (a per-token logit bias through the output matrix),
// a marker set only on BOS, and 1/(position+1) computed by a uniform-attention head from that marker.
const DIM_CONSTANT = 0;
const DIM_BOS_MARKER = 1;
const DIM_POSITION = 2;
const RESERVED = 3;
const BOS_MARKER = 4;
const POSITION_GAIN = 4;
const BIAS_STRENGTH = 40;
const EOS_RISE = 80;
const OUTPUT_STD = 0.32;

export interface TinyWeightsSpec {
  rng: Random;
  vocab: TinyVocabulary;
  /** Embedding width. */
  n: number;
  heads: number;
  ff: number;
  layers: number;
  type: GgmlTypeName;
  eosAfter: number | undefined;
}

/**
 * The tensors of a tiny llama model: seeded noise, plus three reserved residual dimensions that give
 * every token a controllable logit bias and let end tokens' logits rise with position (`eosAfter`).
 */
export function buildTinyWeights(spec: TinyWeightsSpec): GgufTensor[] {
  const { rng, vocab, n, heads, ff, layers, type, eosAfter } = spec;
  const headDim = n / heads;
  const V = vocab.tokens.length;
  // Token embeddings: constant 1, BOS marker, then noise.
  const embeddings = new Float32Array(n * V);
  for (let t = 0; t < V; t++) {
    embeddings[t * n + DIM_CONSTANT] = 1;
    if (t === vocab.bosId) embeddings[t * n + DIM_BOS_MARKER] = BOS_MARKER;
    for (let d = RESERVED; d < n; d++) embeddings[t * n + d] = rng.normal();
  }
  const tensors: GgufTensor[] = [{ name: 'token_embd.weight', dims: [n, V], type, data: embeddings }];
  for (let l = 0; l < layers; l++) {
    const q = randomMatrix(rng, n, n, 1);
    const k = randomMatrix(rng, n, n, 1);
    const v = randomMatrix(rng, n, n, 1);
    const o = randomMatrix(rng, n, n, 1);
    const gate = randomMatrix(rng, n, ff, 1);
    const up = randomMatrix(rng, n, ff, 1);
    const down = randomMatrix(rng, ff, n, 1);
    for (const d of [DIM_CONSTANT, DIM_BOS_MARKER, DIM_POSITION]) {
      zeroRow(o, n, d);
      zeroRow(down, ff, d);
    }
    if (l === 0) {
      // Head 0 attends uniformly (zero queries) and averages the BOS marker: 1/(position+1).
      for (let r = 0; r < headDim; r++) {
        zeroRow(q, n, r);
        zeroRow(v, n, r);
      }
      v[0 * n + DIM_BOS_MARKER] = 1;
      for (let r = 0; r < n; r++) for (let c = 0; c < headDim; c++) o[r * n + c] = 0;
      o[DIM_POSITION * n + 0] = POSITION_GAIN;
    }
    const ones = new Float32Array(n).fill(1);
    tensors.push(
      { name: `blk.${l}.attn_norm.weight`, dims: [n], type: 'f32', data: ones },
      { name: `blk.${l}.attn_q.weight`, dims: [n, n], type, data: q },
      { name: `blk.${l}.attn_k.weight`, dims: [n, n], type, data: k },
      { name: `blk.${l}.attn_v.weight`, dims: [n, n], type, data: v },
      { name: `blk.${l}.attn_output.weight`, dims: [n, n], type, data: o },
      { name: `blk.${l}.ffn_norm.weight`, dims: [n], type: 'f32', data: ones },
      { name: `blk.${l}.ffn_gate.weight`, dims: [n, ff], type, data: gate },
      { name: `blk.${l}.ffn_up.weight`, dims: [n, ff], type, data: up },
      { name: `blk.${l}.ffn_down.weight`, dims: [ff, n], type, data: down },
    );
  }
  const bosNorm = Math.sqrt((1 + BOS_MARKER ** 2 + sumSquares(embeddings, vocab.bosId * n + RESERVED, vocab.bosId * n + n)) / n + 1e-5);
  const positionScale = (POSITION_GAIN * BOS_MARKER) / bosNorm; // x[DIM_POSITION] = positionScale / (position + 1)
  tensors.push(
    { name: 'output_norm.weight', dims: [n], type: 'f32', data: new Float32Array(n).fill(1) },
    { name: 'output.weight', dims: [n, V], type, data: outputMatrix(rng, vocab, n, eosAfter, positionScale) },
  );

  return tensors;
}

/** Output rows: noise for ordinary tokens; biases through the constant dimension for the rest. */
function outputMatrix(rng: Random, vocab: TinyVocabulary, n: number, eosAfter: number | undefined, positionScale: number): Float32Array {
  const V = vocab.tokens.length;
  const out = new Float32Array(n * V);
  const endTokens = new Set([vocab.eosId, vocab.imEndId]);
  for (let t = 0; t < V; t++) {
    for (let d = RESERVED; d < n; d++) out[t * n + d] = rng.normal() * OUTPUT_STD;
    if (endTokens.has(t) && eosAfter !== undefined) {
      // Logit ∝ 1 - (eosAfter + 1) / (position + 1): negative before eosAfter, rising after it.
      for (let d = RESERVED; d < n; d++) out[t * n + d] = 0;
      out[t * n + DIM_CONSTANT] = EOS_RISE;
      out[t * n + DIM_POSITION] = (-EOS_RISE * (eosAfter + 1)) / positionScale;
    } else if (endTokens.has(t) || t === vocab.bosId || t === vocab.imStartId || !isPrintableToken(t, vocab)) {
      out[t * n + DIM_CONSTANT] = -BIAS_STRENGTH;
    }
  }
  return out;
}

/** Ids below 256 are single bytes: only printable ASCII and newline stay likely. */
function isPrintableToken(id: number, vocab: TinyVocabulary): boolean {
  if (id >= 256) return id < vocab.eosId;
  return id === 0x0a || (id >= 0x20 && id < 0x7f);
}

function randomMatrix(rng: Random, nIn: number, nOut: number, gain: number): Float32Array {
  const m = new Float32Array(nIn * nOut);
  const std = gain / Math.sqrt(nIn);
  for (let i = 0; i < m.length; i++) m[i] = rng.normal() * std;
  return m;
}

/** Zeroes output row `row` of a [nIn, nOut] ggml matrix. */
function zeroRow(m: Float32Array, nIn: number, row: number): void {
  m.fill(0, row * nIn, row * nIn + nIn);
}

function sumSquares(a: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]! * a[i]!;
  return s;
}

