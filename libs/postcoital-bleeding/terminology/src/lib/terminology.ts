import conceptMapData from '../data/concept-maps.json';
import overrideReasonData from '../data/override-reasons.json';
import systemData from '../data/systems.json';
import valueSetData from '../data/value-sets.json';
import type { OrderCode, OrderJurisdiction, OrderKind } from './order-catalogue';
import { orderCode, orderKindsByCode, orderKindsByValueSet } from './order-catalogue';

export type { OrderCategory, OrderCode, OrderCoding, OrderJurisdiction, OrderKind } from './order-catalogue';

/** Any coding-shaped object: FHIR Coding, CDS Hooks Coding. */
export interface CodingLike {
  system?: string;
  code?: string;
  display?: string;
}

export type SystemAlias = keyof typeof systemData;
export type ValueSetName = Exclude<keyof typeof valueSetData, '_comment'>;
export type ConceptMapName = Exclude<keyof typeof conceptMapData, '_comment'>;

/** Site additions, read from a mapping file: more codes for a value set or a concept-map category. */
export interface SiteCodeMappings {
  valueSets?: Partial<Record<ValueSetName, string[]>>;
  conceptMaps?: Partial<Record<ConceptMapName, Record<string, string>>>;
}

/** Shared between requests (and NOTHING_KNOWN between lists): never mutated once built. */
interface Knowledge {
  readonly valueSets: ReadonlySet<string>;
  readonly categories: ReadonlyMap<string, string>;
}

interface MapTable {
  exact: Map<string, string>;
  prefixes: [string, string][];
  /** Codes under these prefixes are not members even when a broader prefix matches (ICD-10-CM subcategories). */
  excluded: string[];
}

const key = (system: string, code: string): string => `${system}|${code}`;
const MAX_KNOWN_CODES = 10_000;
const NOTHING_KNOWN: Knowledge = { valueSets: new Set(), categories: new Map() };

/**
 * The one place that knows codes. Everything else asks it "is this coding a X?" or
 * "which category is this coding?", so a site adds local codes here, as data, with no code change.
 */
export class Terminology {
  private readonly valueSets = new Map<string, MapTable>();
  private readonly conceptMaps = new Map<string, MapTable>();
  /**
   * Per coding key, everything the terminology says about it, computed once: the readers ask ~30
   * questions of every Observation, and this is the service's hot path. Bounded, since codes come
   * from requests.
   */
  private readonly knowledge = new Map<string, Map<string, Knowledge>>();
  private knownCodes = 0;
  private readonly perList = new WeakMap<readonly CodingLike[], Knowledge>();
  private readonly orderKinds = orderKindsByCode();

  constructor(site: SiteCodeMappings = {}) {
    for (const [name, vs] of entries<ValueSetEntry>(valueSetData)) {
      const table = this.table(this.valueSets, name);
      for (const c of [...(vs.codes ?? []), ...(site.valueSets?.[name as ValueSetName] ?? [])]) {
        table.exact.set(resolveAliased(c), 'member');
      }
      for (const p of vs.prefixes ?? []) {
        table.prefixes.push([resolveAliased(p), 'member']);
      }
      for (const p of vs.excludePrefixes ?? []) {
        table.excluded.push(resolveAliased(p));
      }
    }
    for (const [name, cm] of entries<ConceptMapEntry>(conceptMapData)) {
      const table = this.table(this.conceptMaps, name);
      const siteCodes = site.conceptMaps?.[name as ConceptMapName] ?? {};
      for (const [c, category] of Object.entries({ ...cm.codes, ...siteCodes })) {
        table.exact.set(resolveAliased(c), category);
      }
      for (const [p, category] of Object.entries(cm.prefixes ?? {})) {
        table.prefixes.push([resolveAliased(p), category]);
      }
    }
  }

  hasValueSet(name: string): boolean {
    return this.valueSets.has(name);
  }

  /** Every value set the codings are in, answered at once (hot path: one Observation, many questions). */
  valueSetsOf(codings: readonly CodingLike[]): ReadonlySet<string> {
    return this.knowledgeOfAll(codings).valueSets;
  }

  /** The categories a concept map assigns (what a site mapping may map to), or undefined if no such map. */
  conceptMapCategories(name: string): string[] | undefined {
    const table = this.conceptMaps.get(name);
    return table && [...new Set([...table.exact.values(), ...table.prefixes.map(([, c]) => c)])];
  }

  system(alias: SystemAlias): string {
    return systemData[alias];
  }

  /** True when any of the codings is in the value set (system AND code must match). */
  inValueSet(name: ValueSetName, codings: readonly CodingLike[] | undefined): boolean {
    return codings !== undefined && this.knowledgeOfAll(codings).valueSets.has(name);
  }

  /** The category of the first coding the map knows, e.g. cytologyResult → 'HSIL'. */
  classify(name: ConceptMapName, codings: readonly CodingLike[] | undefined): string | undefined {
    return codings === undefined ? undefined : this.knowledgeOfAll(codings).categories.get(name);
  }

  /** `system|code` tokens of a value set, for FHIR `code=` search parameters. */
  searchTokens(name: ValueSetName): string[] {
    return [...(this.valueSets.get(name)?.exact.keys() ?? [])];
  }

  /**
   * The order kind a coding stands for (orders the patient already has, draft orders): the §4.9 code
   * first, then the test value sets the order data says order the same test.
   */
  orderKindOf(codings: readonly CodingLike[] | undefined): OrderKind | undefined {
    for (const c of codings ?? []) {
      const kind = c.system && c.code ? this.orderKinds.get(key(c.system, c.code)) : undefined;
      if (kind) {
        return kind;
      }
    }
    return ORDERS_RECOGNISED_BY.find(([valueSet]) => this.inValueSet(valueSet, codings))?.[1];
  }

  /** `system|code` tokens a concept map recognises (e.g. exam findings coded as the Observation code). */
  conceptMapTokens(name: ConceptMapName): string[] {
    return [...(this.conceptMaps.get(name)?.exact.keys() ?? [])];
  }

  /** Override reasons for a card; pregnancy cards add "obstetric team aware of this bleed and assessing today" (R2-18). */
  overrideReasons(topic: 'pregnancy' | 'other'): { system: string; code: string; display: string }[] {
    return overrideReasonData.reasons
      .filter((r) => r.for.includes('all') || r.for.includes(topic))
      .map((r) => ({ system: overrideReasonData.system, code: r.code, display: r.display }));
  }

  /** An order's codings (standard first, official displays), text in the jurisdiction's words and category (orders.json). */
  order(kind: OrderKind, jurisdiction?: OrderJurisdiction): OrderCode {
    return orderCode(kind, jurisdiction);
  }

  /**
   * What the terminology says about a list of codings (the first coding to answer a question wins).
   * Most lists hold one coding (or none): those answer from the per-code knowledge itself, with no
   * allocation. Longer lists are merged once and remembered per list, since the readers ask ~30
   * questions of the same Observation.code.coding array.
   */
  private knowledgeOfAll(codings: readonly CodingLike[]): Knowledge {
    if (codings.length === 0) {
      return NOTHING_KNOWN;
    }
    if (codings.length === 1) {
      const [c] = codings;
      return c.system && c.code ? this.knowledgeOf(c.system, c.code) : NOTHING_KNOWN;
    }
    let known = this.perList.get(codings);
    if (!known) {
      const valueSets = new Set<string>();
      const categories = new Map<string, string>();
      for (const c of codings) {
        if (!c.system || !c.code) {
          continue;
        }
        const one = this.knowledgeOf(c.system, c.code);
        one.valueSets.forEach((v) => valueSets.add(v));
        one.categories.forEach((category, map) => {
          if (!categories.has(map)) {
            categories.set(map, category);
          }
        });
      }
      known = { valueSets, categories };
      this.perList.set(codings, known);
    }
    return known;
  }

  /** Looked up by system, then code: joining them into one key would build a string per question. */
  private knowledgeOf(system: string, code: string): Knowledge {
    let ofSystem = this.knowledge.get(system);
    let known = ofSystem?.get(code);
    if (!known) {
      const k = key(system, code);
      const match = (table: MapTable): string | undefined =>
        table.exact.get(k) ??
        (table.excluded.some((p) => k.startsWith(p)) ? undefined : table.prefixes.find(([p]) => k.startsWith(p))?.[1]);
      const valueSets = new Set<string>();
      const categories = new Map<string, string>();
      for (const [name, table] of this.valueSets) {
        if (match(table) !== undefined) {
          valueSets.add(name);
        }
      }
      for (const [name, table] of this.conceptMaps) {
        const category = match(table);
        if (category !== undefined) {
          categories.set(name, category);
        }
      }
      known = { valueSets, categories };
      if (this.knownCodes >= MAX_KNOWN_CODES) {
        this.knowledge.clear();
        this.knownCodes = 0;
        ofSystem = undefined;
      }
      if (!ofSystem) {
        ofSystem = new Map();
        this.knowledge.set(system, ofSystem);
      }
      ofSystem.set(code, known);
      this.knownCodes++;
    }
    return known;
  }

  private table(tables: Map<string, MapTable>, name: string): MapTable {
    const t: MapTable = { exact: new Map(), prefixes: [], excluded: [] };
    tables.set(name, t);
    return t;
  }
}

interface ValueSetEntry {
  codes?: string[];
  prefixes?: string[];
  excludePrefixes?: string[];
}
interface ConceptMapEntry {
  codes: Record<string, string>;
  prefixes?: Record<string, string>;
}

function entries<T extends ValueSetEntry | ConceptMapEntry>(data: Record<string, unknown>): [string, T][] {
  return Object.entries(data).filter(([k]) => k !== '_comment') as [string, T][];
}

/** 'loinc|1234-5' → 'http://loinc.org|1234-5'; a full URI passes through (site files may use either). */
function resolveAliased(token: string): string {
  const bar = token.indexOf('|');
  const system = token.slice(0, bar);
  const uri = (systemData as Record<string, string>)[system] ?? system;
  return key(uri, token.slice(bar + 1));
}

const ORDERS_RECOGNISED_BY = orderKindsByValueSet() as [ValueSetName, OrderKind][];

/** The shipped terminology with no site additions. */
export const defaultTerminology = new Terminology();
