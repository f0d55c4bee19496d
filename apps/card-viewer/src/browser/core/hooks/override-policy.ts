import type { Card } from './cds-wire.js';

/**
 * Overriding a critical card (an emergency, a step that must not be taken) is the decision a reviewer will
 * want the reason for in the clinician's own words: the comment is required, and goes out as the feedback's
 * `userComment` beside the coded `overrideReason`. For other cards it stays optional.
 */
export function overrideNeedsComment(card: Pick<Card, 'indicator'>): boolean {
  return card.indicator === 'critical';
}

/** Whether a comment counts as given: something besides whitespace. */
export function isCommentGiven(comment: string): boolean {
  return comment.trim() !== '';
}
