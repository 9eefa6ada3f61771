import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME } from './security';
import { appProtocolHandler } from '../security/app-response';

/** Must run before app `ready`. A privileged standard scheme gives the renderer a real origin instead of file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
}

/** Serves the built renderer from disk, refusing any path that escapes its folder, with the CSP as a header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler({ rendererDir, host: APP_HOST, fetchFile: (file) => net.fetch(pathToFileURL(file).toString()) }));
}
