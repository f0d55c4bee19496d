export { CardViewerModule } from './lib/card-viewer.module';
export type { CardViewerOptions, CardViewerSigningOptions } from './lib/card-viewer.options';
export type { ViewerConfig } from './lib/viewer-config';
export { VIEWER_USER_ID } from './lib/viewer-config';
export { VIEWER_JWT_ALGORITHM } from './lib/viewer-signer';
