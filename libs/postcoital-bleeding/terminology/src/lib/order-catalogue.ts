import orderData from '../data/orders.json';
import systemData from '../data/systems.json';

// The orders the cards suggest (guideline 4.9), read from orders.json: what a draft ServiceRequest
// carries (codes, text, category) and which codes in an EHR's draft order stand for which order.

type OrderEntries = Omit<typeof orderData, '_comment' | '_sources' | '_categories'>;
export type OrderKind = keyof OrderEntries;
export type OrderCategory = keyof typeof orderData._categories;
/** The words of an order's text differ by jurisdiction (R2-13: CBC/FBC, gynecology/gynaecology). */
export type OrderJurisdiction = 'US' | 'UK';

export interface OrderCoding {
  system: string;
  code: string;
  display: string;
}

export interface OrderCode {
  /** The first coding: a standard code where one was verified, else the project code. */
  system: string;
  code: string;
  display: string;
  /** Every coding to send, standard codes first, the project code (if any) last. */
  codings: OrderCoding[];
  /** What a clinician reads: ServiceRequest.code.text and suggestion labels (qualifiers live here, never in a display). */
  text: string;
  category: OrderCategory;
  /** FHIR ServiceRequest.category. */
  categoryCoding: OrderCoding;
  /** False when no published value set or IG gave a standard code: only the project code is sent. */
  standardCoded: boolean;
}

interface OrderEntry {
  text: string | Record<OrderJurisdiction, string>;
  category: OrderCategory;
  codings: { code: string; display: string }[];
  recognisedBy?: string[];
  alsoRecognises?: string[];
}

const SNOMED = systemData.snomed;
const PROJECT = systemData.pcb;

const ENTRIES: [OrderKind, OrderEntry][] = Object.entries(orderData)
  .filter(([k]) => !k.startsWith('_'))
  .map(([k, v]) => [k as OrderKind, v as OrderEntry]);

export const ORDER_KINDS: readonly OrderKind[] = ENTRIES.map(([kind]) => kind);

const CODES: Readonly<Record<OrderJurisdiction, ReadonlyMap<OrderKind, OrderCode>>> = {
  US: new Map(ENTRIES.map(([kind, entry]) => [kind, toOrderCode(entry, 'US')])),
  UK: new Map(ENTRIES.map(([kind, entry]) => [kind, toOrderCode(entry, 'UK')])),
};

/** The order's codes, text (in the jurisdiction's words; US, the guideline's default, when not said) and category. */
export function orderCode(kind: OrderKind, jurisdiction: OrderJurisdiction = 'US'): OrderCode {
  const code = CODES[jurisdiction].get(kind);
  if (!code) {
    throw new Error(`unknown order kind ${kind}`);
  }
  return code;
}

/** `system|code` → order kind, for every coding an order sends and every code it also recognises in a draft. */
export function orderKindsByCode(): Map<string, OrderKind> {
  const byCode = new Map<string, OrderKind>();
  for (const [kind, entry] of ENTRIES) {
    for (const token of [...entry.codings.map((c) => c.code), ...(entry.alsoRecognises ?? [])]) {
      byCode.set(resolveToken(token), kind);
    }
  }
  return byCode;
}

/** [value set, order kind]: test value sets whose members order the same test (an EHR catalogue rarely uses our code). */
export function orderKindsByValueSet(): [string, OrderKind][] {
  return ENTRIES.flatMap(([kind, entry]) => (entry.recognisedBy ?? []).map((vs): [string, OrderKind] => [vs, kind]));
}

function toOrderCode(entry: OrderEntry, jurisdiction: OrderJurisdiction): OrderCode {
  const codings = entry.codings.map(({ code, display }) => {
    const [system, value] = splitToken(resolveToken(code));
    return { system, code: value, display };
  });
  const [first] = codings;
  const category = orderData._categories[entry.category];
  return {
    ...first,
    codings,
    text: typeof entry.text === 'string' ? entry.text : entry.text[jurisdiction],
    category: entry.category,
    categoryCoding: { system: SNOMED, code: category.code, display: category.display },
    standardCoded: codings.some((c) => c.system !== PROJECT),
  };
}

/** 'loinc|1234-5' → 'http://loinc.org|1234-5'. */
function resolveToken(token: string): string {
  const bar = token.indexOf('|');
  const alias = token.slice(0, bar);
  const uri = (systemData as Record<string, string>)[alias] ?? alias;
  return `${uri}|${token.slice(bar + 1)}`;
}

function splitToken(token: string): [string, string] {
  const bar = token.lastIndexOf('|');
  return [token.slice(0, bar), token.slice(bar + 1)];
}
