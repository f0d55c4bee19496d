import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORDER_CATALOGUE } from './order-catalogue';

/** Read as files, not imported: the viewer app may not depend on the guideline's libraries. */
const DATA = join(__dirname, '../../../../../../libs/postcoital-bleeding/terminology/src/data');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DATA, file), 'utf8'));
const systems = read('systems.json') as Record<string, string>;
const orders = read('orders.json') as Record<
  string,
  { text: string | { US: string; UK: string }; codings: { code: string; display: string }[] }
>;
/** The pad speaks US English (the page is not told the jurisdiction). */
const usText = (text: string | { US: string }): string => (typeof text === 'string' ? text : text.US);

const alias = (system: string): string | undefined => Object.keys(systems).find((a) => systems[a] === system);

describe('the order pad’s catalogue', () => {
  it('offers the orders of the brief, each once', () => {
    expect(ORDER_CATALOGUE.map((o) => o.key)).toEqual([
      'cervical-cytology',
      'hpv-test',
      'ct-ng-naat',
      'urine-hcg',
      'transvaginal-ultrasound',
      'colposcopy',
      'endocervical-curettage',
      'bimanual-pelvic-examination',
      'endometrial-biopsy',
    ]);
  });

  it.each(ORDER_CATALOGUE.map((o) => [o.key, o] as const))(
    '%s has the text, codes and displays of orders.json (what the order hooks recognise and the cards order)',
    (key, order) => {
      expect(orders[key]).toBeDefined();
      expect(order.text).toBe(usText(orders[key].text));
      expect(order.codings.map((c) => ({ code: `${alias(c.system)}|${c.code}`, display: c.display }))).toEqual(
        orders[key].codings.map((c) => ({ code: c.code, display: c.display })),
      );
    },
  );
});
