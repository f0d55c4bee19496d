export { CardViewerModule } from './lib/card-viewer.module';
export type { CardViewerOptions } from './lib/card-viewer.options';
export type { ViewerConfig } from './lib/viewer-config';
export { ViewerSigner } from './lib/viewer-signer';
