import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BANNER_CONCEPT_MAPS, BANNER_VALUE_SETS, SYSTEMS } from './banner-codes';

/** Read as files, not imported: the viewer app may not depend on the guideline's libraries. */
const DATA = join(__dirname, '../../../../../../libs/postcoital-bleeding/terminology/src/data');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DATA, file), 'utf8'));

describe('the banner’s codes are the terminology’s', () => {
  it('uses the terminology’s system URIs', () => {
    const systems = read('systems.json');
    for (const [alias, uri] of Object.entries(SYSTEMS)) {
      expect([alias, systems[alias]]).toEqual([alias, uri]);
    }
  });

  it.each(Object.entries(BANNER_VALUE_SETS))('value set %s holds every code the banner reads', (name, codes) => {
    const valueSet = read('value-sets.json')[name] as { codes?: string[] };
    expect(valueSet).toBeDefined();
    expect(valueSet.codes).toEqual(expect.arrayContaining([...codes]));
  });

  it.each(Object.entries(BANNER_CONCEPT_MAPS))('concept map %s maps every code as the banner does', (name, map) => {
    const conceptMap = read('concept-maps.json')[name] as { codes: Record<string, string> };
    expect(conceptMap).toBeDefined();
    for (const [code, category] of Object.entries(map)) {
      expect([code, conceptMap.codes[code]]).toEqual([code, category]);
    }
  });
});
