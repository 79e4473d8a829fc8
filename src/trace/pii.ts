/** Patterns of personal information; a document whose shown text matches one is not displayed. */
const PII_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ },
  { kind: 'phone', pattern: /\(?\b\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}\b/ },
  { kind: 'ipv4', pattern: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/ },
  { kind: 'ipv6', pattern: /\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}:?){1,6}\b/ },
];

/** The first kind of personal information found in `text`, or null. */
export function findPii(text: string): string | null {
  for (const { kind, pattern } of PII_PATTERNS) if (pattern.test(text)) return kind;
  return null;
}
