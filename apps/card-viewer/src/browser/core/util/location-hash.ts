/** `#patient=<id>`: a link to a patient's chart in the viewer (bookmarks, screenshots, "open in viewer" links). */
export function patientIdFromHash(hash: string): string | undefined {
  const match = /^#patient=(.+)$/.exec(hash);
  if (!match) {
    return undefined;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

export function hashForPatient(patientId: string): string {
  return `#patient=${encodeURIComponent(patientId)}`;
}
