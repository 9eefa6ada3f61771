import path from 'node:path';

/** Everything the app keeps lives in one folder, so backing up or wiping it is one step. */
export function dataFiles(dataDir: string) {
  return {
    dataDir,
    database: path.join(dataDir, 'reciprocal.db'),
    keyFile: path.join(dataDir, 'reciprocal.key.json'),
    throttle: path.join(dataDir, 'unlock-attempts.json'),
    logDir: path.join(dataDir, 'logs'),
  };
}

export type DataFiles = ReturnType<typeof dataFiles>;
