/**
 * A random (version 4) UUID from 16 random bytes. Not crypto.randomUUID(): browsers offer it only in secure
 * contexts, and the viewer may be opened over plain http on another machine's address.
 */
export function uuidV4(random: Uint8Array): string {
  if (random.length < 16) {
    throw new Error('uuidV4 needs 16 random bytes');
  }
  const bytes = Array.from(random.slice(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
