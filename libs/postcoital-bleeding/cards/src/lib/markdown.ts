/**
 * Escapes text that came from the patient's record before it enters card markdown, so a display
 * string cannot inject links, HTML or formatting into what the clinician reads.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}
