import type { TokenWidth } from '../tokenizers/tokenizer.js';

/** File names of one shard in infini-gram's v6 layout (one shard per directory, no suffixes). */
export const SHARD_FILES = {
  tokens: 'tokenized',
  table: 'table',
  offsets: 'offset',
  metadata: 'metadata',
  metaOffsets: 'metaoff',
  unigram: 'unigram',
  manifest: 'manifest.json',
} as const;

/** Top-level marker written last: an index directory without it is not finished. */
export const INDEX_MANIFEST = 'index.json';

export const FORMAT_VERSION = 1;

/** The document separator: one token of all-0xFF bytes (65535 for u16), placed before each document. */
export function separatorId(width: TokenWidth): number {
  return width === 1 ? 0xff : width === 2 ? 0xffff : 0xffffffff;
}

/** Bytes per suffix-array pointer: ceil(log2(tokenBytes) / 8), as infini-gram computes it. */
export function pointerWidth(tokenBytes: number): number {
  if (tokenBytes <= 1) return 1;
  return Math.max(1, Math.ceil(Math.log2(tokenBytes) / 8));
}

/**
 * Sort key of a token so that numeric order of keys equals byte order of its little-endian
 * bytes: byte-swapping. Suffix order in infini-gram indexes is byte order of the token file.
 */
export function byteOrderKey(id: number, width: TokenWidth): number {
  if (width === 1) return id;
  if (width === 2) return ((id & 0xff) << 8) | (id >>> 8);
  return (((id & 0xff) << 24) | ((id & 0xff00) << 8) | ((id >>> 8) & 0xff00) | (id >>> 24)) >>> 0;
}

export interface ShardManifest {
  format: 'lmscope-index-shard';
  formatVersion: number;
  tokenizer: string;
  tokenWidth: TokenWidth;
  pointerWidth: number;
  documents: number;
  /** Token positions in `tokenized`, separators included. */
  tokens: number;
  /** Where the shard's documents came from: first and last (file, line). */
  sources: { first: { file: string; line: number } | null; last: { file: string; line: number } | null };
  checksums: Record<string, string>;
  build: ShardBuildInfo;
}

export interface ShardBuildInfo {
  settingsHash: string;
  workerId: number;
  numWorkers: number;
  shardIndex: number;
  createdAt: string;
  seconds: { tokenize: number; sort: number; write: number };
}

export interface IndexManifest {
  format: 'lmscope-index';
  formatVersion: number;
  tokenizer: string;
  tokenWidth: TokenWidth;
  shards: string[];
  documents: number;
  tokens: number;
  settings: Record<string, unknown>;
  settingsHash: string;
  createdAt: string;
}
