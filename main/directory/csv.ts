// The directory's CSV reader and writer are the app's one CSV layer, in `main/csv/`: reports and other exports use
// it too. Re-exported here, where the directory import and its tests have always found it.
export * from '../csv/csv';
