import { Controller, Get, Inject, NotFoundException, Req, Res, Header } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS } from './card-viewer.options';
import { viewerConfig } from './viewer-config';
import type { PublicJwks } from './viewer-signer';
import { accessRefusal } from './viewer-access';
import { send } from './viewer-answer';
import { ViewerSigning } from './viewer-signing';

/** The page's configuration (behind the same checks as the proxy) and, when signing is on, the viewer's public keys. */
@Controller('viewer')
export class ViewerConfigController {
  constructor(
    @Inject(CARD_VIEWER_OPTIONS) private readonly options: ResolvedCardViewerOptions,
    @Inject(ViewerSigning) private readonly signing: ViewerSigning,
  ) {}

  /** It names the FHIR server and the CDS service: nothing for a caller without the access token, when one is set. */
  @Get('config.json')
  config(@Req() req: Request, @Res() res: Response): void {
    res.set('Cache-Control', 'no-store');
    send(
      res,
      accessRefusal(req.headers, this.options) ?? {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(viewerConfig(this.options)),
      },
    );
  }

  /** The JWK Set a trusted-clients configuration points to (`jwksUrl`). Public keys only. */
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'max-age=300')
  jwks(): PublicJwks {
    if (!this.signing.signer) {
      throw new NotFoundException('The card viewer does not sign its calls (signing is off), so it has no keys');
    }
    return this.signing.signer.jwks();
  }
}
