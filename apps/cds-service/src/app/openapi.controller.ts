import { Controller, Get, Header } from '@nestjs/common';
import openApiDocument from '../openapi/openapi.json';

/**
 * `GET /openapi.json`: the HTTP contract (apps/cds-service/src/openapi/openapi.json), bundled into the build.
 * Outside /cds-services, so no client JWT: an integrator reads it before holding credentials, and it holds
 * no patient data and no configuration (no FHIR URL, no trusted client).
 */
@Controller()
export class OpenApiController {
  @Get('openapi.json')
  @Header('Cache-Control', 'no-cache')
  document(): typeof openApiDocument {
    return openApiDocument;
  }
}
