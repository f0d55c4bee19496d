/** One card the service held back (card memory), as `extension["org.pcb-cds.suppressed"].cards` lists it. */
export interface HeldBackCard {
  summary: string;
  reason: string;
  until: string;
}

export const SUPPRESSED_EXTENSION = 'org.pcb-cds.suppressed';

/**
 * The held-back cards of a response, read defensively (the extension comes from the service over the wire):
 * entries without a summary are skipped; the reason is its display, else its code.
 */
export function heldBackCards(extension: Record<string, unknown> | undefined): HeldBackCard[] {
  const value = extension?.[SUPPRESSED_EXTENSION];
  const cards = typeof value === 'object' && value !== null ? (value as { cards?: unknown }).cards : undefined;
  if (!Array.isArray(cards)) {
    return [];
  }
  return cards.flatMap((entry): HeldBackCard[] => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { summary?: unknown }).summary !== 'string') {
      return [];
    }
    const e = entry as { summary: string; reason?: { code?: unknown; display?: unknown }; until?: unknown };
    const reason =
      typeof e.reason?.display === 'string' ? e.reason.display : typeof e.reason?.code === 'string' ? e.reason.code : 'no reason given';
    return [
      {
        summary: e.summary,
        reason: reason === 'accepted' ? 'suggestion accepted' : reason,
        until: typeof e.until === 'string' ? e.until.slice(0, 10) : '',
      },
    ];
  });
}
