import path from 'node:path';

/** Everything the app keeps lives in one folder, so backing up or wiping it is one step. */
export function dataFiles(dataDir: string) {
  return {
    dataDir,
    database: path.join(dataDir, 'reciprocal.db'),
    keyFile: path.join(dataDir, 'reciprocal.key.json'),
    /** A key change is written here first, audited, then renamed over the key file (see Session.replaceKeyFile). */
    keyFileNext: path.join(dataDir, 'reciprocal.key.json.next'),
    /** Present from the first step of setup until its last: a setup interrupted by a crash starts again. */
    setupMarker: path.join(dataDir, 'setup-incomplete.json'),
    throttle: path.join(dataDir, 'unlock-attempts.json'),
    logDir: path.join(dataDir, 'logs'),
  };
}

export type DataFiles = ReturnType<typeof dataFiles>;
