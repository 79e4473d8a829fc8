import { createHash } from 'node:crypto';

/** A short stable id for a prompt text. */
export function promptHash(prompt: string): string {
  return createHash('sha256').update(prompt).digest('hex').slice(0, 16);
}

/**
 * A uniform number in [0, 1) determined by (seed, prompt id, sample index) alone, so a random
 * reward replays exactly across runs, machines and batch orders.
 */
export function seededUniform(seed: number, promptId: string, sampleIndex: number): number {
  const digest = createHash('sha256').update(`${seed}\u0000${promptId}\u0000${sampleIndex}`).digest();
  // 53 random bits: the full precision of a double.
  const high = digest.readUInt32BE(0) >>> 5;
  const low = digest.readUInt32BE(4) >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}
