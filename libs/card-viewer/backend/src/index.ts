export { CardViewerModule } from './lib/card-viewer.module';
export type { CardViewerOptions, CardViewerSigningOptions } from './lib/card-viewer.options';
export type { ViewerConfig } from './lib/viewer-config';
export { VIEWER_USER_ID } from './lib/viewer-config';
export type { PublicJwks } from './lib/viewer-signer';
export { VIEWER_JWT_ALGORITHM, ViewerSigner } from './lib/viewer-signer';
