import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME } from './security';
import { resolveRendererFile } from '../security/renderer-path';

/** Must run before app `ready`. A privileged standard scheme gives the renderer a real origin instead of file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
}

/** Serves the built renderer from disk, refusing any path that escapes its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveRendererFile(rendererDir, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
