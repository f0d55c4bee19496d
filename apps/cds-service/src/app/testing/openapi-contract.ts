import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import openApiDocument from '../../openapi/openapi.json';

/** Where the contract lives in the repository (the validator CLI reads the file itself). */
export const OPENAPI_FILE = join(__dirname, '../../openapi/openapi.json');
const DOCUMENT_ID = 'https://pcb-cds.invalid/openapi.json';
/** Top-level OpenAPI fields: not JSON Schema keywords, so Ajv's strict mode must be told they are known. */
const OPENAPI_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'security',
  'tags',
  'paths',
  'components',
  'webhooks',
  'externalDocs',
];

export interface ObservedResponse {
  method: string;
  /** The path as called, e.g. `/cds-services/pcb-evaluation/feedback` (no query). */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

type OpenApiObject = Record<string, unknown>;

/**
 * Checks real responses against apps/cds-service/src/openapi/openapi.json: finds the operation for method and
 * path (concrete paths before templated ones, as OpenAPI says), the response for the status, the media type,
 * and validates the body with Ajv's JSON Schema 2020-12 (the dialect of OpenAPI 3.1). Returns the problems,
 * empty when the response is in the contract.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiObject = openApiDocument as OpenApiObject) {
    addFormats(this.ajv);
    this.ajv.addVocabulary(OPENAPI_FIELDS);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  problems(response: ObservedResponse): string[] {
    const operation = this.operation(response.method, response.path);
    if (!operation) {
      return [`${response.method} ${response.path}: no operation in the contract`];
    }
    const where = `${response.method} ${response.path} → ${response.status}`;
    const responses = operation.value['responses'] as OpenApiObject;
    if (!(String(response.status) in responses)) {
      return [`${where}: status not in the contract (documented: ${Object.keys(responses).join(', ')})`];
    }
    const documented = this.resolve(`${operation.pointer}/responses/${response.status}`);
    const content = documented.value['content'] as OpenApiObject | undefined;
    if (!content) {
      return response.body === '' || response.body === undefined ? [] : [`${where}: a body where the contract has none`];
    }
    const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!(mediaType in content)) {
      return [`${where}: Content-Type ${mediaType || '(none)'} not in the contract (documented: ${Object.keys(content).join(', ')})`];
    }
    const validate = this.validator(`${documented.pointer}/content/${escape(mediaType)}/schema`);
    return validate(response.body)
      ? []
      : (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** The operations a test run should have exercised, as `METHOD path status`. */
  documentedResponses(): string[] {
    const listed: string[] = [];
    for (const [path, item] of Object.entries(this.document['paths'] as OpenApiObject)) {
      for (const [method, operation] of Object.entries(item as OpenApiObject)) {
        for (const status of Object.keys((operation as OpenApiObject)['responses'] as OpenApiObject)) {
          listed.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    return listed;
  }

  /** `METHOD path status` of the documented response a real one matched (for coverage bookkeeping). */
  documentedKey(response: ObservedResponse): string | undefined {
    const operation = this.operation(response.method, response.path);
    return operation ? `${response.method.toUpperCase()} ${operation.template} ${response.status}` : undefined;
  }

  private operation(method: string, path: string): { template: string; pointer: string; value: OpenApiObject } | undefined {
    const paths = this.document['paths'] as OpenApiObject;
    const templates = Object.keys(paths).sort((a, b) => templatedSegments(a) - templatedSegments(b));
    const template = templates.find((t) => matches(t, path) && (paths[t] as OpenApiObject)[method.toLowerCase()]);
    if (!template) {
      return undefined;
    }
    const pointer = `#/paths/${escape(template)}/${method.toLowerCase()}`;
    return { template, pointer, value: this.resolve(pointer).value };
  }

  /** The object at a JSON pointer of the document, following a Reference Object if it is one. */
  private resolve(pointer: string): { pointer: string; value: OpenApiObject } {
    const value = pointer
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (node as OpenApiObject)[part], this.document) as OpenApiObject;
    const ref = value['$ref'];
    return typeof ref === 'string' ? this.resolve(ref) : { pointer, value };
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }
}

/**
 * Validates the document itself against the OpenAPI 3.1 schema with @seriousme/openapi-schema-validator's CLI
 * (the package is ESM-only; Jest here runs CommonJS). Resolves to the CLI's report.
 */
export async function validateOpenApiDocument(file: string = OPENAPI_FILE): Promise<{ valid: boolean; report: string }> {
  const cli = join(dirname(require.resolve('@seriousme/openapi-schema-validator/package.json')), 'bin/validate-api-cli.js');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, file], { timeout: 30_000 });
    return { valid: (JSON.parse(stdout) as { valid: boolean }).valid, report: stdout };
  } catch (error) {
    return { valid: false, report: String((error as { stdout?: string }).stdout || error) };
  }
}

function matches(template: string, path: string): boolean {
  const want = template.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => (/^\{[^}]+\}$/.test(segment) ? got[i] !== '' : segment === got[i]));
}

function templatedSegments(template: string): number {
  return (template.match(/\{[^}]+\}/g) ?? []).length;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
