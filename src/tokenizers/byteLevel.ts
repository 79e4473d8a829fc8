/**
 * GPT-2 style byte-level BPE writes bytes as printable characters (space -> "Ġ", newline -> "Ċ").
 * This maps such token strings back to bytes.
 */
let unicodeToByte: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (unicodeToByte) return unicodeToByte;
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  unicodeToByte = new Map();
  for (let i = 0; i < bs.length; i++) unicodeToByte.set(String.fromCharCode(cs[i]!), bs[i]!);
  return unicodeToByte;
}

/** Bytes of a byte-level BPE token string, or undefined when it is not one (e.g. a special token). */
export function byteLevelTokenToBytes(token: string): Uint8Array | undefined {
  const map = table();
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = map.get(token[i]!);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

const encoder = new TextEncoder();

/** Bytes of a SentencePiece piece: "▁" is a space, "<0xAB>" is one raw byte. */
export function sentencePieceToBytes(piece: string): Uint8Array {
  const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
  if (m) return Uint8Array.of(parseInt(m[1]!, 16));
  return encoder.encode(piece.replace(/\u2581/g, ' '));
}
