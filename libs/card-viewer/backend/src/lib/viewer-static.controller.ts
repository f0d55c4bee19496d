import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS } from './card-viewer.options';
import { contentSecurityPolicy } from './content-security-policy';

/**
 * The page's files under /viewer/ (Express's `send`, as express.static uses: the root confines the path, `..` is
 * refused, dotfiles are denied). Registered after the module's other controllers, whose /viewer routes win.
 */
@Controller('viewer')
export class ViewerStaticController {
  private readonly headers: Record<string, string>;

  constructor(@Inject(CARD_VIEWER_OPTIONS) private readonly options: ResolvedCardViewerOptions) {
    this.headers = {
      'Content-Security-Policy': contentSecurityPolicy(options.browserFhirBaseUrl),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // Revalidate every time: a demo machine should never run yesterday's script.
      'Cache-Control': 'no-cache',
    };
    if (!options.staticDirReady) {
      new Logger('CardViewer').warn(
        `No index.html in ${options.staticDir}: /viewer/ answers 503 until \`npx nx build card-viewer\` has run`,
      );
    }
  }

  /**
   * `/viewer` → `/viewer/`, so the page's relative URLs (viewer.css, js/, config.json, api/) resolve under it.
   * The Location is relative, so it stays right behind a reverse proxy that mounts the app under a prefix.
   */
  @Get()
  index(@Req() req: Request, @Res() res: Response): void {
    const [path, query] = splitQuery(req.originalUrl);
    if (!path.endsWith('/')) {
      res.redirect(301, `viewer/${query}`);
      return;
    }
    this.serve('index.html', res);
  }

  @Get('*path')
  file(@Req() req: Request, @Res() res: Response): void {
    const segments = req.params['path'] as unknown;
    const relative = Array.isArray(segments) ? segments.join('/') : String(segments ?? '');
    this.serve(relative === '' ? 'index.html' : relative, res);
  }

  private serve(relative: string, res: Response): void {
    if (!this.options.staticDirReady) {
      res.status(503).type('text/plain').send('The card viewer has not been built: run `npx nx build card-viewer`.');
      return;
    }
    res.sendFile(relative, { root: this.options.staticDir, dotfiles: 'deny', headers: this.headers }, (error?: Error) => {
      if (error && !res.headersSent) {
        res.status(404).type('text/plain').send('Not found');
      }
    });
  }
}

function splitQuery(url: string): [string, string] {
  const at = url.indexOf('?');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}
