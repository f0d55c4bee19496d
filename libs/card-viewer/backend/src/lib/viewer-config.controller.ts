import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS } from './card-viewer.options';
import type { ViewerConfig } from './viewer-config';
import { viewerConfig } from './viewer-config';
import type { PublicJwks } from './viewer-signer';
import { ViewerSigning } from './viewer-signing';

/** The page's configuration and, when signing is on, the viewer's public keys. */
@Controller('viewer')
export class ViewerConfigController {
  constructor(
    @Inject(CARD_VIEWER_OPTIONS) private readonly options: ResolvedCardViewerOptions,
    @Inject(ViewerSigning) private readonly signing: ViewerSigning,
  ) {}

  @Get('config.json')
  @Header('Cache-Control', 'no-store')
  config(): ViewerConfig {
    return viewerConfig(this.options);
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
