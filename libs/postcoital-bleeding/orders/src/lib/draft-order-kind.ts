import type { CodingLike, OrderKind, Terminology } from '@pcb-cds/postcoital-bleeding-terminology';

/** The guideline order kind a draft order's codes stand for (the terminology's order data decides). */
export function draftOrderKind(codings: readonly CodingLike[] | undefined, t: Terminology): OrderKind | undefined {
  return t.orderKindOf(codings);
}
